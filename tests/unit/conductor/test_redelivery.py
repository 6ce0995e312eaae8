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


class _Prep:
    def __init__(self):
        self.preps = []

    def prep_resize(self, ctxt, host, instance, migration, flavor, image):
        self.preps.append((host, instance['uuid'], migration['uuid']))


def _migration(uuid, **values):
    from stratus.db.api import migration_records
    return migration_records.create(dict({
        'instance_uuid': uuid, 'status': 'pre-migrating',
        'migration_type': 'resize', 'source_compute': 'h1',
        'source_node': 'h1'}, **values))


@pytest.fixture
def resized(db, monkeypatch):
    ran = []
    from stratus.conductor.flows import resize
    monkeypatch.setattr(resize, 'run', lambda *a, **k: ran.append(
        dict(a[1], flavor_asked=a[3])))
    conductor = manager.ConductorManager('c')
    conductor.compute_rpc = _Prep()
    return conductor, ran


def test_resize_delivered_again_after_it_moved_on_does_nothing(resized):
    conductor, ran = resized
    uuid = _server(task_state='resize_migrating')
    migration = _migration(uuid, status='migrating', dest_compute='h2')
    conductor.migrate_server(_ctxt(), uuid, migration['uuid'], {})
    assert ran == [] and conductor.compute_rpc.preps == []


def test_resize_delivered_again_after_dispatch_casts_prep_again(resized):
    conductor, ran = resized
    uuid = _server(task_state='resize_prep')
    migration = _migration(uuid, dest_compute='h2')
    conductor.migrate_server(_ctxt(), uuid, migration['uuid'], {})
    assert ran == []
    assert conductor.compute_rpc.preps == [('h2', uuid, migration['uuid'])]


def test_resize_cut_short_before_dispatch_runs_with_its_claim_back(
        resized):
    from stratus.db.api import allocations
    conductor, ran = resized
    uuid = _server(task_state='resize_prep')
    migration = _migration(uuid)
    allocations.replace(migration['uuid'], 'h1', 'h1', 1, 64, 1)
    conductor.migrate_server(_ctxt(), uuid, migration['uuid'], {})
    assert [i['uuid'] for i in ran] == [uuid]
    assert allocations.get(migration['uuid']) == []
    assert allocations.get(uuid)[0]['host'] == 'h1'


def test_start_builds_again_servers_that_never_reached_a_host(
        db, monkeypatch):
    waiting = instances.create([{
        'project_id': 'p', 'user_id': 'u', 'display_name': 'w',
        'vm_state': 'building', 'task_state': 'scheduling',
        'power_state': 0, 'vcpus': 1, 'memory_mb': 64, 'root_gb': 1,
        'image_ref': None, 'flavor': {'name': 'f', 'vcpus': 1},
        'system_metadata': {'pinned_availability_zone': 'az1'}}])[0]['uuid']
    from stratus.db.api import action_events
    action_events.action_start(waiting, 'create', 'req-create', 'u', 'p')
    placed = _server(vm_state='active', task_state=None, host='h1')
    ran = []
    from stratus.conductor.flows import build
    monkeypatch.setattr(build, 'run', lambda ctxt, uuids, request, *a:
                        ran.append((ctxt.request_id, uuids, request)))
    conductor = manager.ConductorManager('c')
    conductor.init_host(context.get_admin_context())
    [(request_id, uuids, request)] = ran
    assert (request_id, uuids) == ('req-create', [waiting])
    assert request['flavor']['vcpus'] == 1
    assert request['availability_zone'] == 'az1'
    assert placed not in uuids


def test_start_runs_again_resizes_that_never_reached_a_destination(
        resized):
    conductor, ran = resized
    uuid = _server(task_state='resize_prep')
    instances.update(uuid, {'new_flavor': {'name': 'bigger', 'vcpus': 2}})
    migration = _migration(uuid)
    dispatched = _server(task_state='resize_prep')
    _migration(dispatched, dest_compute='h2')
    conductor.init_host(context.get_admin_context())
    assert [i['uuid'] for i in ran] == [uuid]
    # The flavor handed to the flow is the recorded new one.
    assert ran[0]['flavor_asked']['name'] == 'bigger'
    assert conductor.compute_rpc.preps == []
