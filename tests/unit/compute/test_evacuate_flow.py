"""Evacuation on the destination compute and the cleanup when the source
compute comes back (fake drivers on two hosts, the fake conductor);
changePassword and trigger_crash_dump on the compute."""
import contextlib
import uuid

import pytest

from stratus.common import context
from stratus.common import exception
from stratus.common.conf import CONF
from stratus.compute import manager
from stratus.compute import states
from stratus.compute.virt import fake
from support.fake_conductor import FakeConductor

FLAVOR = {'flavorid': '1', 'vcpus': 1, 'memory_mb': 512, 'root_gb': 1,
          'ephemeral_gb': 0}
IMAGE = {'id': 'img'}


@pytest.fixture
def cloud():
    conductor = FakeConductor()
    conductor.migrations = {}
    conductor.migration_update = lambda ctxt, m, values: \
        conductor.migrations.setdefault(m, {}).update(values)
    conductor.moves = []
    conductor.claims_move = lambda ctxt, a, b: conductor.moves.append((a, b))
    managers = {}
    for host in ('node1', 'node2'):
        driver = fake.FakeDriver()
        driver.init_host(host)
        managers[host] = manager.ComputeManager(host, driver, conductor)
    return conductor, managers


@contextlib.contextmanager
def _failing(*methods):
    CONF.set_override('fail_methods', list(methods), 'fake_driver')
    try:
        yield
    finally:
        CONF.clear_override('fail_methods', 'fake_driver')


def _server(cloud, vm_state=states.ACTIVE, volume_backed=False):
    """A server on node1 (whose compute is down) being evacuated."""
    conductor, managers = cloud
    instance = {'uuid': str(uuid.uuid4()), 'host': 'node1', 'node': 'node1',
                'vm_state': vm_state, 'task_state': states.REBUILDING,
                'power_state': states.RUNNING, 'flavor': FLAVOR,
                'image_ref': '' if volume_backed else 'img',
                'system_metadata': {}, 'launched_at': 'x'}
    devices = []
    if volume_backed:
        for device, boot in (('/dev/vda', 0), ('/dev/vdb', None)):
            bdm = conductor.add_volume(instance['uuid'], device_name=device,
                                       boot_index=boot)
            conductor.volume_attachment_update(None, bdm['attachment_id'],
                                               {'host': 'node1'})
            conductor.volume_attachment_complete(None, bdm['attachment_id'])
            devices.append({'device_name': device, 'boot_index': boot,
                            'volume_id': bdm['volume_id'],
                            'connection_info': {}})
    managers['node1'].driver.spawn(None, instance, IMAGE,
                                   block_devices=devices)
    instance = conductor.add(instance)
    migration = {'uuid': str(uuid.uuid4()), 'instance_uuid': instance['uuid'],
                 'migration_type': 'evacuation', 'status': 'accepted',
                 'source_compute': 'node1', 'source_node': 'node1',
                 'dest_compute': 'node2', 'dest_node': 'node2'}
    return instance, migration


def _evacuate(cloud, instance, migration, image=IMAGE, shared=None,
              target_state=None):
    conductor, managers = cloud
    managers['node2'].evacuate_instance(
        context.get_admin_context(), instance, migration, image, 'pw',
        shared, target_state)
    return conductor.instances[instance['uuid']]


def test_evacuated_server_runs_on_the_destination(cloud):
    conductor, managers = cloud
    instance, migration = _server(cloud)
    saved = _evacuate(cloud, instance, migration)
    assert (saved['host'], saved['node'], saved['vm_state'],
            saved['task_state'], saved['power_state']) == (
        'node2', 'node2', states.ACTIVE, None, states.RUNNING)
    assert managers['node2'].driver.list_instance_uuids() == [
        instance['uuid']]
    assert managers['node2'].driver._guests[instance['uuid']]['image'] == \
        'img'
    assert conductor.migrations[migration['uuid']]['status'] == 'done'
    assert conductor.faults == []
    assert any(e['event'].startswith('compute_instance_evacuate:')
               for e in conductor.events)


@pytest.mark.parametrize('vm_state,target,final,power', [
    (states.STOPPED, None, states.STOPPED, states.SHUTDOWN),
    (states.ERROR, None, states.ACTIVE, states.RUNNING),
    (states.ACTIVE, states.STOPPED, states.STOPPED, states.SHUTDOWN),
    # nova: an ERROR server ignores the 2.95 target state.
    (states.ERROR, states.STOPPED, states.ACTIVE, states.RUNNING),
])
def test_final_state(cloud, vm_state, target, final, power):
    instance, migration = _server(cloud, vm_state)
    saved = _evacuate(cloud, instance, migration, target_state=target)
    assert (saved['vm_state'], saved['power_state']) == (final, power)


def test_volume_backed_server_takes_its_volumes_along(cloud):
    conductor, managers = cloud
    instance, migration = _server(cloud, volume_backed=True)
    old = {b['volume_id']: b['attachment_id']
           for b in conductor.bdm_list(None, instance['uuid'])}
    saved = _evacuate(cloud, instance, migration, image=None)
    assert (saved['host'], saved['vm_state']) == ('node2', states.ACTIVE)
    guest = managers['node2'].driver._guests[instance['uuid']]
    assert guest['image'] is None and guest['root_volume'] in old
    assert set(guest['volumes']) == {'/dev/vda', '/dev/vdb'}
    for bdm in conductor.bdm_list(None, instance['uuid']):
        assert bdm['attachment_id'] != old[bdm['volume_id']]
        assert old[bdm['volume_id']] not in conductor.attachments
        attachment = conductor.attachments[bdm['attachment_id']]
        assert attachment['status'] == 'attached'
        assert attachment['connector']['host'] == 'node2'
        assert conductor.volume_status(bdm['volume_id']) == 'in-use'


def test_failure_goes_to_error_with_the_claims_as_before(cloud):
    conductor, managers = cloud
    instance, migration = _server(cloud)
    with _failing('spawn'):
        saved = _evacuate(cloud, instance, migration)
    assert (saved['vm_state'], saved['task_state'], saved['host']) == (
        states.ERROR, None, 'node1')
    fault, = conductor.faults
    assert 'injected failure in spawn' in fault['message']
    assert fault['host'] == 'node2'
    assert conductor.migrations[migration['uuid']]['status'] == 'failed'
    assert conductor.moves == [(migration['uuid'], instance['uuid'])]
    assert managers['node2'].driver.list_instance_uuids() == []


def test_failure_after_the_spawn_destroys_the_new_guest(cloud):
    conductor, managers = cloud
    instance, migration = _server(cloud, volume_backed=True)
    conductor.fail_methods.add('volume_attachment_complete')
    saved = _evacuate(cloud, instance, migration, image=None)
    assert saved['vm_state'] == states.ERROR
    assert managers['node2'].driver.list_instance_uuids() == []
    # The volumes are disconnected from node2 again, still reserved.
    for bdm in conductor.bdm_list(None, instance['uuid']):
        assert conductor.attachments[bdm['attachment_id']]['status'] == \
            'reserved'


def test_shared_storage_claim_that_does_not_hold(cloud):
    conductor, managers = cloud
    instance, migration = _server(cloud)
    saved = _evacuate(cloud, instance, migration, shared=True)
    assert saved['vm_state'] == states.ERROR
    assert conductor.faults[0]['message'] == \
        'Invalid state of instance files on shared storage'
    assert managers['node2'].driver.list_instance_uuids() == []


def test_source_coming_back_destroys_the_leftover_guest(cloud):
    conductor, managers = cloud
    instance, migration = _server(cloud)
    _evacuate(cloud, instance, migration)
    conductor.evacuations = [dict(migration,
                                  **conductor.migrations[migration['uuid']])]
    managers['node1'].init_host(context.get_admin_context())
    assert managers['node1'].driver.list_instance_uuids() == []
    assert migration['uuid'] in conductor.released
    assert conductor.migrations[migration['uuid']]['status'] == 'completed'
    # The server itself is untouched, running on node2.
    saved = conductor.instances[instance['uuid']]
    assert (saved['host'], saved['vm_state']) == ('node2', states.ACTIVE)


def test_source_coming_back_during_an_evacuation(cloud):
    conductor, managers = cloud
    instance, migration = _server(cloud)
    conductor.evacuations = [migration]           # still accepted
    managers['node1'].init_host(context.get_admin_context())
    assert managers['node1'].driver.list_instance_uuids() == []
    # Not failed by the restart's recovery: the destination finishes it.
    saved = conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (
        states.ACTIVE, states.REBUILDING)
    assert 'status' not in conductor.migrations.get(migration['uuid'], {})
    saved = _evacuate(cloud, saved, migration)
    assert (saved['host'], saved['vm_state']) == ('node2', states.ACTIVE)


# --- changePassword ----------------------------------------------------------
def _refused(cloud, instance):
    """What the RPC dispatcher sends back for set_admin_password (an
    expected exception, unwrapped as the dispatcher does)."""
    from oslo_messaging.rpc import dispatcher
    try:
        cloud[1]['node1'].set_admin_password(context.get_admin_context(),
                                             instance, 'N3w')
    except dispatcher.ExpectedException as wrapped:
        return wrapped.exc_info[1]
    raise AssertionError('no refusal')


def _running(cloud, task_state='updating_password'):
    conductor, managers = cloud
    instance = {'uuid': str(uuid.uuid4()), 'host': 'node1', 'node': 'node1',
                'vm_state': states.ACTIVE, 'task_state': task_state,
                'power_state': states.RUNNING, 'flavor': FLAVOR}
    managers['node1'].driver.spawn(None, instance, IMAGE)
    return conductor.add(instance)


def test_set_admin_password(cloud):
    conductor, managers = cloud
    instance = _running(cloud)
    managers['node1'].set_admin_password(context.get_admin_context(),
                                         instance, 'N3w')
    assert managers['node1'].driver._guests[instance['uuid']][
        'admin_password'] == 'N3w'
    assert conductor.instances[instance['uuid']]['task_state'] is None
    event, = conductor.events
    assert (event['event'], event['result']) == (
        'compute_set_admin_password', 'Success')


def test_set_admin_password_of_a_stopped_guest(cloud):
    conductor, managers = cloud
    instance = _running(cloud)
    managers['node1'].driver.power_off(instance)
    refused = _refused(cloud, instance)
    assert isinstance(refused, exception.InstancePasswordSetFailed)
    assert refused.message == (
        'Failed to set admin password on %s because instance %s is not '
        'running' % (instance['uuid'], instance['uuid']))
    assert conductor.instances[instance['uuid']]['task_state'] is None
    assert conductor.faults[0]['code'] == 409
    assert conductor.events[0]['result'] == 'Error'


def test_set_admin_password_driver_error_hides_its_text(cloud):
    conductor, managers = cloud
    instance = _running(cloud)
    with _failing('set_admin_password'):
        refused = _refused(cloud, instance)
    assert isinstance(refused, exception.InstancePasswordSetFailed)
    assert refused.message.endswith('error setting admin password')
    assert conductor.instances[instance['uuid']]['task_state'] is None


def test_set_admin_password_not_implemented(cloud):
    conductor, managers = cloud
    instance = _running(cloud)
    managers['node1'].driver.set_admin_password = \
        fake.driver.ComputeDriver.set_admin_password.__get__(
            managers['node1'].driver)
    assert isinstance(_refused(cloud, instance), NotImplementedError)
    assert conductor.instances[instance['uuid']]['task_state'] is None


# --- trigger_crash_dump ------------------------------------------------------
def test_trigger_crash_dump(cloud):
    conductor, managers = cloud
    instance = _running(cloud, task_state=None)
    managers['node1'].trigger_crash_dump(context.get_admin_context(),
                                         instance)
    assert managers['node1'].driver._guests[instance['uuid']][
        'crash_dumps'] == 1
    assert conductor.faults == []


def test_trigger_crash_dump_of_a_stopped_guest_leaves_a_fault(cloud):
    conductor, managers = cloud
    instance = _running(cloud, task_state=None)
    managers['node1'].driver.power_off(instance)
    managers['node1'].trigger_crash_dump(context.get_admin_context(),
                                         instance)
    fault, = conductor.faults
    assert fault['message'] == 'Instance %s is not running.' % \
        instance['uuid']
    saved = conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ACTIVE, None)
