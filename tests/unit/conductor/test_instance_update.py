"""The conductor's instance_update for computes: the compare-and-swap
state change and the flow's action events (1.3) in one write, the events
in a savepoint of their own: they can fail without failing the change."""
import datetime

import pytest

from stratus.common import context
from stratus.common import exception
from stratus.common import timeutils
from stratus.conductor import manager
from stratus.db.api import action_events
from stratus.db.api import instance_actions
from stratus.db.api import instances


def _setup():
    uuid = instances.create([{
        'project_id': 'p', 'user_id': 'u', 'display_name': 'x',
        'vm_state': 'active', 'power_state': 1, 'vcpus': 1,
        'memory_mb': 64, 'root_gb': 1, 'image_ref': 'img',
        'flavor': {'name': 'f'}}])[0]['uuid']
    instances.update(uuid, {'task_state': 'pausing'}, action={
        'action': 'pause', 'request_id': 'req-1', 'user_id': 'u',
        'project_id': 'p'})
    ctxt = context.RequestContext(user_id='u', project_id='p',
                                  request_id='req-1')
    now = timeutils.to_iso(datetime.datetime(2026, 1, 1))
    events = [{'event': 'compute_instance_pause:PauseGuestTask',
               'start_time': now, 'finish_time': now, 'result': 'Success',
               'traceback': None, 'host': 'h'}]
    return uuid, ctxt, events


def test_the_state_and_then_the_events(db):
    uuid, ctxt, events = _setup()
    conductor = manager.ConductorManager('c')
    saved = conductor.instance_update(
        ctxt, uuid, {'vm_state': 'paused', 'task_state': None},
        expected_task_state=['pausing'], events=events)
    assert (saved['vm_state'], saved['task_state']) == ('paused', None)
    shown = instance_actions.action_get(uuid, 'req-1')
    assert [e['event'] for e in shown['events']] == [events[0]['event']]


def test_events_that_cannot_be_stored_do_not_undo_the_change(db,
                                                             monkeypatch):
    uuid, ctxt, events = _setup()
    record_in = action_events.record_in

    def broken(s, *args):
        record_in(s, *args)         # written, then the write fails
        raise RuntimeError('disk full')
    monkeypatch.setattr(action_events, 'record_in', broken)
    conductor = manager.ConductorManager('c')
    saved = conductor.instance_update(
        ctxt, uuid, {'vm_state': 'paused', 'task_state': None},
        expected_task_state=['pausing'], events=events)
    assert saved['vm_state'] == 'paused'
    assert instances.get(uuid)['vm_state'] == 'paused'
    # Only the events' part was undone.
    assert instance_actions.action_get(uuid, 'req-1')['events'] == []


def test_a_lost_race_records_nothing(db):
    uuid, ctxt, events = _setup()
    conductor = manager.ConductorManager('c')
    # Raised to the caller as itself (RPC's ExpectedException wraps it).
    with pytest.raises(Exception) as info:
        conductor.instance_update(
            ctxt, uuid, {'vm_state': 'paused', 'task_state': None},
            expected_task_state=['unpausing'], events=events)
    assert info.value.exc_info[0] is exception.UnexpectedTaskStateError
    assert instance_actions.action_get(uuid, 'req-1')['events'] == []
