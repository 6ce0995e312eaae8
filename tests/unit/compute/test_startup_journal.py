"""Compute start-up recovery driven by the compute's journal of started
operations (issue 15, items 8-10): only what had started is failed or
settled, with a failed action event saying why; queued requests are left
to their messages; a message delivered again does nothing; every idle
server's power state is synced at start."""
import uuid

import pytest

from stratus.common import context
from stratus.common.conf import CONF
from stratus.compute import journal
from stratus.compute import manager
from stratus.compute import states
from stratus.compute.virt import fake
from support.fake_conductor import FakeConductor

FLAVOR = {'flavorid': '1', 'name': 'm1.tiny', 'vcpus': 1, 'memory_mb': 512,
          'root_gb': 1, 'ephemeral_gb': 0, 'swap': 0}


@pytest.fixture
def compute(tmp_path):
    CONF.set_override('state_path', str(tmp_path))
    conductor = FakeConductor()
    mgr = manager.ComputeManager('node1', fake.FakeDriver(), conductor)
    mgr.init_host(context.get_admin_context())
    yield mgr
    CONF.clear_override('state_path')


def _instance(compute, vm_state, task_state, guest_power=None):
    instance = {'uuid': str(uuid.uuid4()), 'host': 'node1', 'node': 'node1',
                'vm_state': vm_state, 'task_state': task_state,
                'power_state': states.RUNNING, 'flavor': FLAVOR}
    if guest_power is not None:
        compute.driver.spawn(None, instance, {'id': 'img'})
        compute.driver._guests[instance['uuid']]['power_state'] = guest_power
    return compute.conductor.add(instance)


def _restart(compute):
    """A new process on the same host: same journal, same guests."""
    new = manager.ComputeManager('node1', compute.driver, compute.conductor)
    new.init_host(context.get_admin_context())
    return new


def _started(compute, instance, flow, event, request_id='req-1'):
    """What a compute killed in the middle of `flow` leaves on disk."""
    compute.journal.begin(request_id, instance, flow, event)


def test_queued_action_is_left_to_its_message_which_then_runs(compute):
    server = _instance(compute, states.PAUSED, states.UNPAUSING,
                       states.PAUSED_POWER)
    compute = _restart(compute)
    saved = compute.conductor.instances[server['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (
        states.PAUSED, states.UNPAUSING)
    compute.unpause_instance(context.get_admin_context(), server)
    saved = compute.conductor.instances[server['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ACTIVE, None)


def test_started_action_settles_with_a_failed_event_saying_why(compute):
    server = _instance(compute, states.PAUSED, states.UNPAUSING,
                       states.PAUSED_POWER)
    _started(compute, server, 'unpause', 'compute_instance_unpause')
    compute = _restart(compute)
    saved = compute.conductor.instances[server['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.PAUSED, None)
    [event] = compute.conductor.events
    assert event['event'] == 'compute_instance_unpause'
    assert event['result'] == 'Error'
    assert 'Interrupted by a restart of stratus-compute on node1 while ' \
           'unpausing' == event['traceback']
    # Dealt with once: the next restart leaves it alone.
    assert compute.journal.interrupted() == []


def test_started_build_without_task_state_goes_to_error_with_fault(compute):
    server = _instance(compute, states.BUILDING, None)
    _started(compute, server, 'spawn', 'compute_instance_spawn')
    compute = _restart(compute)
    saved = compute.conductor.instances[server['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ERROR, None)
    assert 'restart of stratus-compute' in compute.conductor.faults[0][
        'message']
    assert compute.conductor.released == [server['uuid']]


def test_queued_build_is_left_to_its_message(compute):
    server = _instance(compute, states.BUILDING, None)
    compute = _restart(compute)
    saved = compute.conductor.instances[server['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.BUILDING,
                                                        None)
    compute.build_and_run_instance(context.get_admin_context(), server,
                                   {'id': 'img'})
    assert compute.conductor.instances[server['uuid']]['vm_state'] == \
        states.ACTIVE


def test_message_delivered_again_after_it_ran_does_nothing(compute):
    server = _instance(compute, states.ACTIVE, states.POWERING_OFF,
                       states.RUNNING)
    ctxt = context.get_admin_context()
    compute.stop_instance(ctxt, server)
    # The user starts it again; then the stop is delivered once more.
    compute.conductor.instances[server['uuid']].update(
        vm_state=states.ACTIVE)
    compute.driver._guests[server['uuid']]['power_state'] = states.RUNNING
    events = len(compute.conductor.events)
    compute = _restart(compute)
    compute.stop_instance(ctxt, server)
    assert compute.driver._guests[server['uuid']]['power_state'] == \
        states.RUNNING
    assert len(compute.conductor.events) == events
    assert compute.conductor.faults == []


def test_start_syncs_power_states_of_idle_servers_at_once(compute):
    server = _instance(compute, states.ACTIVE, None)    # guest gone
    _restart(compute)
    saved = compute.conductor.instances[server['uuid']]
    assert (saved['vm_state'], saved['power_state']) == (states.STOPPED,
                                                         states.NOSTATE)


def test_journal_prunes_done_records(tmp_path):
    book = journal.Journal('node1', root=str(tmp_path))
    name, may_run = book.begin('req-1', {'uuid': 'u1'}, 'stop', 'e')
    assert may_run
    book.end(name)
    assert book.begin('req-1', {'uuid': 'u1'}, 'stop', 'e')[1] is False
    book.prune(keep=-1)
    assert book.begin('req-1', {'uuid': 'u1'}, 'stop', 'e')[1] is True


def _migrating(compute, task_state, host):
    server = _instance(compute, states.ACTIVE, task_state)
    compute.conductor.instances[server['uuid']]['host'] = host
    conductor = compute.conductor
    conductor.migrations, conductor.moves = {}, []
    conductor.migration_update = lambda ctxt, uuid, values: \
        conductor.migrations.setdefault(uuid, {}).update(values)
    conductor.claims_move = lambda ctxt, a, b: conductor.moves.append((a, b))
    return server


def test_resize_prep_cut_short_on_the_destination_restores_the_source(
        compute):
    # The server is on node2 (its source); node1 was preparing for it.
    server = _migrating(compute, states.RESIZE_PREP, 'node2')
    compute.journal.begin('req-1', server, 'resize_prep',
                          'compute_instance_resize_prep', migration='m1')
    compute = _restart(compute)
    conductor = compute.conductor
    saved = conductor.instances[server['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ACTIVE, None)
    assert conductor.migrations == {'m1': {'status': 'error'}}
    assert conductor.released == [server['uuid']]
    assert conductor.moves == [('m1', server['uuid'])]
    assert 'while resize_prep' in conductor.faults[0]['message']
    assert [e['result'] for e in conductor.events] == ['Error']


def test_resize_finish_cut_short_leaves_error_and_migration_error(compute):
    server = _migrating(compute, states.RESIZE_FINISH, 'node2')
    compute.journal.begin('req-1', server, 'resize_finish',
                          'compute_instance_resize_finish', migration='m1')
    compute = _restart(compute)
    saved = compute.conductor.instances[server['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ERROR, None)
    assert compute.conductor.migrations == {'m1': {'status': 'error'}}
    assert compute.conductor.moves == []


def test_resize_step_that_moved_on_is_left_alone(compute):
    server = _migrating(compute, None, 'node2')
    compute.journal.begin('req-1', server, 'resize_prep',
                          'compute_instance_resize_prep', migration='m1')
    compute = _restart(compute)
    assert compute.conductor.migrations == {}
    assert compute.conductor.faults == []
    assert compute.journal.interrupted() == []
