"""After a restart nothing stays in a transitional state; drifted power
states converge."""
import uuid

import pytest

from stratus.common import context
from stratus.compute import reconcile
from stratus.compute import states
from stratus.compute.virt import fake
from support.fake_conductor import FakeConductor

FLAVOR = {'flavorid': '1', 'vcpus': 1, 'memory_mb': 64, 'root_gb': 1}


@pytest.fixture
def env():
    driver = fake.FakeDriver()
    driver.init_host('node1')
    return driver, FakeConductor()


def _add(env, vm_state, task_state, power=None):
    driver, conductor = env
    instance = {'uuid': str(uuid.uuid4()), 'host': 'node1',
                'vm_state': vm_state, 'task_state': task_state,
                'power_state': states.RUNNING, 'flavor': FLAVOR}
    if power is not None:
        driver.spawn(None, instance, None)
        driver._guests[instance['uuid']]['power_state'] = power
    return conductor.add(instance)['uuid']


def _recover(env):
    driver, conductor = env
    reconcile.recover(context.get_admin_context(), 'node1', driver,
                      conductor)
    return conductor.instances


def test_interrupted_build_goes_to_error_and_frees_the_node(env):
    uuid_ = _add(env, states.BUILDING, states.SPAWNING, states.RUNNING)
    result = _recover(env)[uuid_]
    assert (result['vm_state'], result['task_state']) == (states.ERROR, None)
    assert env[1].released == [uuid_]
    assert env[0].list_instance_uuids() == []
    assert 'restart' in env[1].faults[0]['message']


def test_interrupted_delete_completes(env):
    uuid_ = _add(env, states.ACTIVE, states.DELETING, states.RUNNING)
    _recover(env)
    assert env[1].destroyed == [uuid_]


@pytest.mark.parametrize('task,power,expected', [
    (states.PAUSING, states.PAUSED_POWER, states.PAUSED),
    (states.PAUSING, states.RUNNING, states.ACTIVE),
    (states.POWERING_OFF, states.SHUTDOWN, states.STOPPED),
    (states.SUSPENDING, states.SUSPENDED_POWER, states.SUSPENDED),
    (states.SHELVING, states.RUNNING, states.ACTIVE),
    (states.IMAGE_UPLOADING, states.RUNNING, states.ACTIVE),
])
def test_interrupted_actions_settle_on_what_the_guest_shows(env, task, power,
                                                            expected):
    uuid_ = _add(env, states.ACTIVE, task, power)
    result = _recover(env)[uuid_]
    assert (result['vm_state'], result['task_state']) == (expected, None)
    assert result['power_state'] == power


def test_power_sync_stops_instances_whose_guest_is_gone(env):
    uuid_ = _add(env, states.ACTIVE, None)      # no guest on the driver
    driver, conductor = env
    reconcile.sync_power_states(context.get_admin_context(), 'node1',
                                driver, conductor)
    result = conductor.instances[uuid_]
    assert result['vm_state'] == states.STOPPED
    assert result['power_state'] == states.NOSTATE


def test_power_sync_powers_off_a_guest_running_against_stopped(env):
    uuid_ = _add(env, states.STOPPED, None, states.RUNNING)
    driver, conductor = env
    reconcile.sync_power_states(context.get_admin_context(), 'node1',
                                driver, conductor)
    assert driver._guests[uuid_]['power_state'] == states.SHUTDOWN
    assert conductor.instances[uuid_]['vm_state'] == states.STOPPED
