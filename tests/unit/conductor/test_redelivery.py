"""Conductor handlers delivered twice (the conductor was killed before it
acknowledged the message): the repeat answers as the first did and
changes nothing; work not done yet is done (issue 15, item 8)."""
import pytest

from stratus.common import context
from stratus.common import exception
from stratus.conductor import manager
from stratus.db.api import instance_actions
from stratus.db.api import instances


def _server(vm_state='active', task_state='pausing', host='h1'):
    uuid = instances.create([{
        'project_id': 'p', 'user_id': 'u', 'display_name': 'x',
        'vm_state': vm_state, 'power_state': 1, 'vcpus': 1,
        'memory_mb': 64, 'root_gb': 1, 'image_ref': 'img', 'host': host,
        'node': host, 'flavor': {'name': 'f'}}])[0]['uuid']
    instances.update(uuid, {'task_state': task_state}, action={
        'action': 'pause', 'request_id': 'req-1', 'user_id': 'u',
        'project_id': 'p'})
    return uuid


def _ctxt():
    return context.RequestContext(user_id='u', project_id='p',
                                  request_id='req-1')


def _events():
    now = '2026-01-01T00:00:00.000000'
    return [{'event': 'compute_instance_pause:PauseGuestTask',
             'start_time': now, 'finish_time': now, 'result': 'Error',
             'traceback': None, 'host': 'h1'}]


def test_update_delivered_again_answers_the_instance_once_recorded(db):
    uuid = _server()
    conductor = manager.ConductorManager('c')
    fault = {'code': 500, 'message': 'boom', 'host': 'h1'}
    for _ in range(2):
        saved = conductor.instance_update(
            _ctxt(), uuid, {'vm_state': 'active', 'task_state': None},
            expected_task_state=['pausing'], fault=fault, events=_events())
        assert (saved['vm_state'], saved['task_state']) == ('active', None)
    assert len(instance_actions.action_get(uuid, 'req-1')['events']) == 1
    assert instances.fault_get_latest(uuid)['message'] == 'boom'
    from stratus.db import models
    from stratus.db import session
    with session.reader() as s:
        assert s.query(models.InstanceFault).filter_by(
            instance_uuid=uuid).count() == 1


def test_a_real_conflict_is_still_refused(db):
    uuid = _server()
    conductor = manager.ConductorManager('c')
    with pytest.raises(Exception) as info:
        conductor.instance_update(
            _ctxt(), uuid, {'vm_state': 'stopped', 'task_state': None},
            expected_task_state=['powering-off'])
    raised = getattr(info.value, 'exc_info', (None, info.value))[1]
    assert isinstance(raised, exception.UnexpectedTaskStateError)


def test_destroy_delivered_again_answers_the_deleted_instance(db):
    uuid = _server(task_state='deleting')
    conductor = manager.ConductorManager('c')
    conductor.instance_destroy(_ctxt(), uuid)
    again = conductor.instance_destroy(_ctxt(), uuid)
    assert again['vm_state'] == 'deleted'


class _Recorder:
    def __init__(self):
        self.casts = []

    def build_and_run_instance(self, ctxt, instance, image):
        self.casts.append((instance['uuid'], ctxt.request_id, image))


def test_build_delivered_again_schedules_only_what_still_waits(
        db, monkeypatch):
    waiting = _server(vm_state='building', task_state='scheduling',
                      host=None)
    dispatched = _server(vm_state='building', task_state=None, host='h1')
    built = _server(vm_state='active', task_state=None, host='h1')
    scheduled = []
    from stratus.conductor.flows import build
    monkeypatch.setattr(build, 'run', lambda ctxt, uuids, *a, **k:
                        scheduled.append(uuids))
    conductor = manager.ConductorManager('c')
    conductor.compute_rpc = _Recorder()
    conductor.build_instances(_ctxt(), [waiting, dispatched, built],
                              {'image': {'id': 'img'}, 'flavor': {}})
    assert scheduled == [[waiting]]
    assert conductor.compute_rpc.casts == [(dispatched, 'req-1',
                                            {'id': 'img'})]


def test_build_delivered_again_after_all_started_does_nothing(
        db, monkeypatch):
    built = _server(vm_state='active', task_state=None, host='h1')
    from stratus.conductor.flows import build
    monkeypatch.setattr(build, 'run', lambda *a, **k: pytest.fail('ran'))
    conductor = manager.ConductorManager('c')
    conductor.compute_rpc = _Recorder()
    conductor.build_instances(_ctxt(), [built], {'image': None,
                                                 'flavor': {}})
    assert conductor.compute_rpc.casts == []
