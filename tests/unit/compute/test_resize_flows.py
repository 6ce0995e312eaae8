"""Resize and cold migration across two computes (fake drivers, one fake
conductor, casts delivered in-process): confirm, revert, and failures
injected at the last task of each side's flow."""
import uuid

import pytest

from stratus.common import context
from stratus.compute import states
from support import two_computes

OLD = two_computes.OLD
NEW = two_computes.NEW


@pytest.fixture
def cloud():
    return two_computes.build()


def _start(cloud, flavor=NEW):
    conductor, managers = cloud
    instance = {'uuid': str(uuid.uuid4()), 'host': 'node1', 'node': 'node1',
                'vm_state': states.ACTIVE, 'task_state': states.RESIZE_PREP,
                'power_state': states.RUNNING, 'flavor': OLD,
                'old_flavor': None, 'new_flavor': flavor,
                'system_metadata': {'old_vm_state': states.ACTIVE}}
    managers['node1'].driver.spawn(None, instance, {'id': 'img'})
    instance = conductor.add(instance)
    migration = {'uuid': str(uuid.uuid4()), 'source_compute': 'node1',
                 'source_node': 'node1', 'dest_compute': 'node2',
                 'dest_node': 'node2'}
    managers['node2'].prep_resize(context.get_admin_context(), instance,
                                  migration, flavor, {'id': 'img'})
    return conductor.instances[instance['uuid']], migration


def test_resize_lands_on_the_destination(cloud):
    conductor, managers = cloud
    instance, migration = _start(cloud)
    assert (instance['vm_state'], instance['task_state']) == (
        states.RESIZED, None)
    assert instance['host'] == 'node2' and instance['flavor'] == NEW
    assert managers['node2'].driver.list_instance_uuids() == [
        instance['uuid']]
    assert managers['node1'].driver.list_instance_uuids() == []
    assert conductor.migrations[migration['uuid']]['status'] == 'finished'


def test_confirm_cleans_the_source(cloud):
    conductor, managers = cloud
    instance, migration = _start(cloud)
    managers['node1'].confirm_resize(context.get_admin_context(), instance,
                                     migration)
    saved = conductor.instances[instance['uuid']]
    assert saved['vm_state'] == states.ACTIVE
    assert saved['old_flavor'] is None
    assert conductor.released[-1] == migration['uuid']
    assert managers['node1'].driver._resize_sources == {}
    assert conductor.migrations[migration['uuid']]['status'] == 'confirmed'


def test_revert_restarts_the_source(cloud):
    conductor, managers = cloud
    instance, migration = _start(cloud)
    conductor.instances[instance['uuid']]['task_state'] = \
        states.RESIZE_REVERTING
    managers['node2'].revert_resize(context.get_admin_context(),
                                    conductor.instances[instance['uuid']],
                                    migration)
    saved = conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state'], saved['host']) == (
        states.ACTIVE, None, 'node1')
    assert saved['flavor'] == OLD
    assert managers['node1'].driver.get_power_state(saved) == states.RUNNING
    assert managers['node2'].driver.list_instance_uuids() == []
    assert conductor.moves[-1] == (migration['uuid'], instance['uuid'])
    assert conductor.migrations[migration['uuid']]['status'] == 'reverted'


def test_failure_on_the_source_keeps_the_instance_there(cloud):
    conductor, managers = cloud
    # The last task of the source side is the cast to the destination.
    managers['node1'].compute_rpc = _Broken()
    instance, migration = _start(cloud)
    assert (instance['vm_state'], instance['task_state'],
            instance['host']) == (states.ACTIVE, None, 'node1')
    assert managers['node1'].driver.get_power_state(instance) == \
        states.RUNNING
    assert conductor.migrations[migration['uuid']]['status'] == 'error'
    assert conductor.moves[-1] == (migration['uuid'], instance['uuid'])


def test_failure_in_the_last_finish_task_is_error(cloud):
    conductor, managers = cloud
    conductor.fail_when = lambda values: values.get('vm_state') == \
        states.RESIZED
    instance, migration = _start(cloud)
    assert instance['vm_state'] == states.ERROR
    assert managers['node2'].driver.list_instance_uuids() == []


class _Broken:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise RuntimeError('bus down')
        return fail


def test_resized_and_migration_finished_in_one_write(cloud):
    """No moment (nor a crash between two writes) shows VERIFY_RESIZE
    without a finished migration to confirm or revert."""
    conductor, managers = cloud
    instance, migration = _start(cloud)
    [(values, written)] = [
        w for w in conductor.joint_writes
        if w[0].get('vm_state') == states.RESIZED]
    assert values['task_state'] is None
    assert written == {'uuid': migration['uuid'],
                       'values': {'status': 'finished'}}


def test_a_failed_resized_write_leaves_no_half(cloud):
    conductor, managers = cloud
    conductor.fail_when = lambda v: v.get('vm_state') == states.RESIZED
    instance, migration = _start(cloud)
    assert instance['vm_state'] == states.ERROR
    assert conductor.migrations.get(migration['uuid'], {}).get(
        'status') != 'finished'
