"""Every per-host flow against the fake driver: the end state on success,
and with a failure injected in its last task, the revert (state restored or
ERROR, a fault, the guest put back, which task failed in the events)."""
import uuid

import pytest

from stratus.common import context
from stratus.compute import manager
from stratus.compute import states
from stratus.compute.virt import fake
from support.fake_conductor import FakeConductor

FLAVOR = {'flavorid': '1', 'name': 'm1.tiny', 'vcpus': 1, 'memory_mb': 512,
          'root_gb': 1, 'ephemeral_gb': 0, 'swap': 0}


@pytest.fixture
def compute():
    conductor = FakeConductor()
    driver = fake.FakeDriver()
    mgr = manager.ComputeManager('node1', driver, conductor)
    driver.init_host('node1')
    return mgr


def _instance(compute, vm_state, task_state, guest_power=None):
    instance = {'uuid': str(uuid.uuid4()), 'host': 'node1', 'node': 'node1',
                'vm_state': vm_state, 'task_state': task_state,
                'power_state': states.NOSTATE, 'flavor': FLAVOR}
    if guest_power is not None:
        compute.driver.spawn(None, instance, {'id': 'img'})
        compute.driver._guests[instance['uuid']]['power_state'] = guest_power
    return compute.conductor.add(instance)


# (method, extra args, start vm_state, task_state, guest power before,
#  end vm_state, guest power after)
CASES = [
    ('stop_instance', {}, states.ACTIVE, states.POWERING_OFF, states.RUNNING,
     states.STOPPED, states.SHUTDOWN),
    ('start_instance', {}, states.STOPPED, states.POWERING_ON,
     states.SHUTDOWN, states.ACTIVE, states.RUNNING),
    ('pause_instance', {}, states.ACTIVE, states.PAUSING, states.RUNNING,
     states.PAUSED, states.PAUSED_POWER),
    ('unpause_instance', {}, states.PAUSED, states.UNPAUSING,
     states.PAUSED_POWER, states.ACTIVE, states.RUNNING),
    ('suspend_instance', {}, states.ACTIVE, states.SUSPENDING,
     states.RUNNING, states.SUSPENDED, states.SUSPENDED_POWER),
    ('resume_instance', {}, states.SUSPENDED, states.RESUMING,
     states.SUSPENDED_POWER, states.ACTIVE, states.RUNNING),
    ('reboot_instance', {'reboot_type': 'HARD'}, states.ACTIVE,
     states.REBOOTING_HARD, states.RUNNING, states.ACTIVE, states.RUNNING),
    ('rescue_instance', {'rescue_image': {'id': 'img'},
                         'rescue_password': 'pw'}, states.ACTIVE,
     states.RESCUING, states.RUNNING, states.RESCUED, states.RUNNING),
    ('unrescue_instance', {}, states.RESCUED, states.UNRESCUING,
     states.RUNNING, states.ACTIVE, states.RUNNING),
]


@pytest.mark.parametrize('method,args,vm,task,before,end,after', CASES)
def test_action_succeeds(compute, method, args, vm, task, before, end,
                         after):
    instance = _instance(compute, vm, task, before)
    getattr(compute, method)(context.get_admin_context(), instance, **args)
    saved = compute.conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (end, None)
    assert saved['power_state'] == after
    assert [e['result'] for e in compute.conductor.events] == \
        ['Success'] * len(compute.conductor.events)
    assert compute.conductor.events[0]['event'].startswith('compute_instance_')


@pytest.mark.parametrize('method,args,vm,task,before,end,after', CASES)
def test_failure_in_last_task_restores_state(compute, method, args, vm, task,
                                             before, end, after):
    instance = _instance(compute, vm, task, before)
    compute.conductor.fail_when = lambda values: 'vm_state' in values
    getattr(compute, method)(context.get_admin_context(), instance, **args)
    saved = compute.conductor.instances[instance['uuid']]
    # nova's reverts_task_state: the vm_state stays, the task is cleared.
    assert (saved['vm_state'], saved['task_state']) == (vm, None)
    assert compute.driver.get_power_state(instance) == before or \
        method == 'reboot_instance'
    assert compute.conductor.faults[0]['message'].startswith('RuntimeError')
    failed = [e for e in compute.conductor.events if e['result'] == 'Error']
    assert failed and failed[0]['event'].endswith('SaveInstanceStateTask')
    assert failed[0]['traceback']


def test_the_final_save_carries_the_flows_events(compute):
    """One write for the end state and every step's event, not two."""
    instance = _instance(compute, states.ACTIVE, states.PAUSING,
                         states.RUNNING)
    compute.pause_instance(context.get_admin_context(), instance)
    assert compute.conductor.event_writes == [('update', 3)]
    assert [e['event'].split(':')[1] for e in compute.conductor.events] == [
        'RestoreStateOnRevertTask', 'PauseGuestTask',
        'SaveInstanceStateTask']


def test_a_failed_final_save_still_records_every_event(compute):
    instance = _instance(compute, states.ACTIVE, states.PAUSING,
                         states.RUNNING)
    compute.conductor.fail_when = lambda values: 'vm_state' in values
    compute.pause_instance(context.get_admin_context(), instance)
    (write,) = compute.conductor.event_writes
    assert write[0] == 'record'
    names = [e['event'].split(':')[1] for e in compute.conductor.events]
    assert names.count('SaveInstanceStateTask') == 1
    assert 'PauseGuestTask (revert)' in names
    assert 'RestoreStateOnRevertTask' in names


def test_spawn_makes_the_instance_active(compute):
    instance = _instance(compute, states.BUILDING, None)
    compute.build_and_run_instance(context.get_admin_context(), instance,
                                   {'id': 'img'})
    saved = compute.conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state'],
            saved['power_state']) == (states.ACTIVE, None, states.RUNNING)
    assert saved['launched_at']
    names = [e['event'].split(':')[1] for e in compute.conductor.events]
    assert names[0] == 'ErrorOnRevertTask'
    assert names[-1] == 'SaveInstanceStateTask'


def test_spawn_failure_in_last_task_is_error_with_claim_released(compute):
    instance = _instance(compute, states.BUILDING, None)
    compute.conductor.fail_when = lambda values: 'launched_at' in values
    compute.build_and_run_instance(context.get_admin_context(), instance,
                                   {'id': 'img'})
    saved = compute.conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ERROR, None)
    assert compute.conductor.released == [instance['uuid']]
    assert compute.driver.list_instance_uuids() == []   # guest destroyed
    assert compute.conductor.faults


def test_delete_destroys_guest_and_record(compute):
    instance = _instance(compute, states.ACTIVE, states.DELETING,
                         states.RUNNING)
    compute.terminate_instance(context.get_admin_context(), instance)
    assert compute.conductor.destroyed == [instance['uuid']]
    assert compute.driver.list_instance_uuids() == []


def test_delete_failure_in_last_task_is_error(compute):
    instance = _instance(compute, states.ACTIVE, states.DELETING,
                         states.RUNNING)
    compute.conductor.instance_destroy = _raise
    compute.terminate_instance(context.get_admin_context(), instance)
    saved = compute.conductor.instances[instance['uuid']]
    assert saved['vm_state'] == states.ERROR


def _raise(*args, **kwargs):
    raise RuntimeError('db gone')


def test_driver_failure_records_which_task_failed(compute):
    from stratus.common.conf import CONF
    instance = _instance(compute, states.ACTIVE, states.PAUSING,
                         states.RUNNING)
    CONF.set_override('fail_methods', ['pause'], 'fake_driver')
    try:
        compute.pause_instance(context.get_admin_context(), instance)
    finally:
        CONF.clear_override('fail_methods', 'fake_driver')
    saved = compute.conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ACTIVE, None)
    assert 'injected failure in pause' in compute.conductor.faults[0][
        'message']
    failed = [e['event'] for e in compute.conductor.events
              if e['result'] == 'Error']
    assert failed == ['compute_instance_pause:PauseGuestTask']


@pytest.mark.parametrize('vm_state,power,end', [
    (states.ACTIVE, states.RUNNING, states.ACTIVE),
    (states.STOPPED, states.SHUTDOWN, states.STOPPED)])
def test_rebuild_keeps_identity_and_power(compute, vm_state, power, end):
    instance = _instance(compute, vm_state, states.REBUILDING, power)
    compute.rebuild_instance(context.get_admin_context(), instance,
                             {'id': 'img2'})
    saved = compute.conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (end, None)
    assert compute.driver._guests[instance['uuid']]['image'] == 'img2'


def test_rebuild_failure_in_last_task_is_error(compute):
    instance = _instance(compute, states.ACTIVE, states.REBUILDING,
                         states.RUNNING)
    compute.conductor.fail_when = lambda values: 'vm_state' in values and \
        values['vm_state'] != states.ERROR
    compute.rebuild_instance(context.get_admin_context(), instance,
                             {'id': 'img2'})
    saved = compute.conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ERROR, None)
