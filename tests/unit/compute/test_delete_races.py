"""A server deleted while an action is in flight: nothing failed for the
user, so the compute logs what happened in one line at INFO or WARNING
(nova's "Instance disappeared during ..."), never ERROR, never a
traceback."""
import logging
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
    driver = fake.FakeDriver()
    mgr = manager.ComputeManager('node1', driver, FakeConductor())
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


# (manager method, extra args, vm_state, task_state, guest power, the
#  driver call during which the delete lands)
CASES = [
    ('stop_instance', {}, states.ACTIVE, states.POWERING_OFF, states.RUNNING,
     'power_off'),
    ('start_instance', {}, states.STOPPED, states.POWERING_ON,
     states.SHUTDOWN, 'power_on'),
    ('pause_instance', {}, states.ACTIVE, states.PAUSING, states.RUNNING,
     'pause'),
    ('unpause_instance', {}, states.PAUSED, states.UNPAUSING,
     states.PAUSED_POWER, 'unpause'),
    ('suspend_instance', {}, states.ACTIVE, states.SUSPENDING,
     states.RUNNING, 'suspend'),
    ('resume_instance', {}, states.SUSPENDED, states.RESUMING,
     states.SUSPENDED_POWER, 'resume'),
    ('reboot_instance', {'reboot_type': 'HARD'}, states.ACTIVE,
     states.REBOOTING_HARD, states.RUNNING, 'reboot'),
    ('rescue_instance', {'rescue_image': {'id': 'img'},
                         'rescue_password': 'pw'}, states.ACTIVE,
     states.RESCUING, states.RUNNING, 'rescue'),
    ('unrescue_instance', {}, states.RESCUED, states.UNRESCUING,
     states.RUNNING, 'unrescue'),
]


def _delete_during(compute, instance, driver_method):
    """The record goes while the driver works (an API delete)."""
    real = getattr(compute.driver, driver_method)

    def racing(*args, **kwargs):
        compute.conductor.instances.pop(instance['uuid'])
        return real(*args, **kwargs)
    setattr(compute.driver, driver_method, racing)


def _quiet(caplog):
    loud = [r for r in caplog.records if r.levelno >= logging.ERROR or
            r.exc_info or 'Traceback' in r.getMessage()]
    assert not loud, [r.getMessage() for r in loud]


@pytest.mark.parametrize('method,args,vm,task,before,call', CASES)
def test_delete_during_an_action_logs_no_error(compute, caplog, method,
                                               args, vm, task, before, call):
    caplog.set_level(logging.DEBUG)
    instance = _instance(compute, vm, task, before)
    _delete_during(compute, instance, call)
    getattr(compute, method)(context.get_admin_context(), instance, **args)
    _quiet(caplog)
    assert any('disappeared' in r.getMessage() and
               r.levelno in (logging.INFO, logging.WARNING)
               for r in caplog.records)


def test_a_delete_in_progress_keeps_its_task_state(compute, caplog):
    """The API marked the server 'deleting' while it powered off: the
    stop's end write is refused and its revert leaves 'deleting' alone."""
    caplog.set_level(logging.DEBUG)
    instance = _instance(compute, states.ACTIVE, states.POWERING_OFF,
                         states.RUNNING)
    real = compute.driver.power_off

    def racing(*args, **kwargs):
        compute.conductor.instances[instance['uuid']]['task_state'] = \
            'deleting'
        return real(*args, **kwargs)
    compute.driver.power_off = racing
    compute.stop_instance(context.get_admin_context(), instance)
    _quiet(caplog)
    assert compute.conductor.instances[instance['uuid']]['task_state'] == \
        'deleting'
    assert compute.conductor.faults == []


def test_delete_during_a_build_logs_no_error(compute, caplog):
    caplog.set_level(logging.DEBUG)
    instance = _instance(compute, states.BUILDING, None)
    _delete_during(compute, instance, 'spawn')
    compute.build_and_run_instance(context.get_admin_context(), instance,
                                   {'id': 'img'})
    _quiet(caplog)
    assert any('disappeared' in r.getMessage() for r in caplog.records)


def test_a_guest_missing_on_a_live_record_is_a_failed_action(compute,
                                                             caplog):
    """The driver's "no such guest" is not a delete (a restarted host lost
    it, a domain removed behind our back): the record is live, so the stop
    fails as nova's reverts_task_state leaves it, task_state None and the
    fault recorded, never stuck in powering-off."""
    caplog.set_level(logging.DEBUG)
    instance = _instance(compute, states.ACTIVE, states.POWERING_OFF)
    compute.stop_instance(context.get_admin_context(), instance)
    saved = compute.conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ACTIVE, None)
    assert [f['code'] for f in compute.conductor.faults] == [404]


def test_a_guest_removed_by_a_delete_in_progress_keeps_deleting(compute,
                                                                caplog):
    caplog.set_level(logging.DEBUG)
    instance = _instance(compute, states.ACTIVE, states.POWERING_OFF)
    compute.conductor.instances[instance['uuid']]['task_state'] = 'deleting'
    compute.stop_instance(context.get_admin_context(), instance)
    _quiet(caplog)
    assert compute.conductor.instances[instance['uuid']]['task_state'] == \
        'deleting'
    assert compute.conductor.faults == []
