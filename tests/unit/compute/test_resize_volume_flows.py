"""Resize, cold migration, confirm and revert of a server with volumes
(fake drivers on two hosts, the fake conductor): each volume's attachment
follows the guest (a new attachment connected with the landing host's
connector, the old one deleted), and failures leave the volumes connected
where the guest runs."""
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


def _attached(conductor, instance, device, boot_index=None):
    """A volume attached on node1 (connected, complete)."""
    bdm = conductor.add_volume(instance['uuid'], device_name=device,
                               boot_index=boot_index)
    conductor.volume_attachment_update(None, bdm['attachment_id'],
                                       {'host': 'node1'})
    conductor.volume_attachment_complete(None, bdm['attachment_id'])
    return bdm


def _server(cloud, boot_volume=False):
    conductor, managers = cloud
    instance = {'uuid': str(uuid.uuid4()), 'host': 'node1', 'node': 'node1',
                'vm_state': states.ACTIVE, 'task_state': states.RESIZE_PREP,
                'power_state': states.RUNNING, 'flavor': OLD,
                'old_flavor': None, 'new_flavor': NEW,
                'image_ref': '' if boot_volume else 'img',
                'system_metadata': {'old_vm_state': states.ACTIVE}}
    bdms = []
    if boot_volume:
        bdms.append(_attached(conductor, instance, '/dev/vda', 0))
    bdms.append(_attached(conductor, instance, '/dev/vdb'))
    devices = [{'device_name': b['device_name'], 'boot_index':
                b['boot_index'], 'volume_id': b['volume_id'],
                'attachment_id': b['attachment_id'],
                'connection_info': {'host': 'node1'}} for b in bdms]
    managers['node1'].driver.spawn(None, instance, {'id': 'img'},
                                   block_devices=devices)
    return conductor.add(instance), bdms


def _resize(cloud, instance, flavor=NEW):
    conductor, managers = cloud
    migration = {'uuid': str(uuid.uuid4()), 'source_compute': 'node1',
                 'source_node': 'node1', 'dest_compute': 'node2',
                 'dest_node': 'node2'}
    managers['node2'].prep_resize(context.get_admin_context(), instance,
                                  migration, flavor, {'id': 'img'})
    return conductor.instances[instance['uuid']], migration


def _attachments(conductor, volume_id):
    return [a for a in conductor.attachments.values()
            if a['volume_id'] == volume_id]


def _check_on(conductor, managers, instance, bdms, host):
    """Each volume: one attachment, attached, connected for `host`, named
    by its mapping; the guest there has it."""
    guest = managers[host].driver._guests[instance['uuid']]
    for bdm in bdms:
        saved = conductor.bdms[bdm['uuid']]
        (attachment,) = _attachments(conductor, bdm['volume_id'])
        assert attachment['status'] == 'attached'
        assert attachment['connector']['host'] == host
        assert conductor.attachments[saved['attachment_id']] is attachment
        assert conductor.volume_status(bdm['volume_id']) == 'in-use'
        assert saved['connection_info'] is not None
        assert bdm['device_name'] in guest['volumes']


@pytest.mark.parametrize('flavor', [NEW, OLD], ids=['resize', 'migrate'])
def test_volumes_follow_the_server(cloud, flavor):
    conductor, managers = cloud
    instance, bdms = _server(cloud)
    instance, migration = _resize(cloud, instance, flavor)
    assert (instance['vm_state'], instance['host']) == (states.RESIZED,
                                                        'node2')
    _check_on(conductor, managers, instance, bdms, 'node2')
    assert bdms[0]['attachment_id'] not in conductor.attachments


def test_boot_volume_follows_the_server(cloud):
    conductor, managers = cloud
    instance, bdms = _server(cloud, boot_volume=True)
    instance, migration = _resize(cloud, instance)
    assert instance['vm_state'] == states.RESIZED
    _check_on(conductor, managers, instance, bdms, 'node2')
    assert managers['node2'].driver._guests[instance['uuid']][
        'root_volume'] == bdms[0]['volume_id']


def test_confirm_keeps_the_volumes_on_the_destination(cloud):
    conductor, managers = cloud
    instance, bdms = _server(cloud)
    instance, migration = _resize(cloud, instance)
    managers['node1'].confirm_resize(context.get_admin_context(), instance,
                                     migration)
    instance = conductor.instances[instance['uuid']]
    assert instance['vm_state'] == states.ACTIVE
    _check_on(conductor, managers, instance, bdms, 'node2')


def test_revert_brings_the_volumes_back(cloud):
    conductor, managers = cloud
    instance, bdms = _server(cloud)
    instance, migration = _resize(cloud, instance)
    conductor.instances[instance['uuid']]['task_state'] = \
        states.RESIZE_REVERTING
    managers['node2'].revert_resize(context.get_admin_context(),
                                    conductor.instances[instance['uuid']],
                                    migration)
    instance = conductor.instances[instance['uuid']]
    assert (instance['vm_state'], instance['host']) == (states.ACTIVE,
                                                        'node1')
    _check_on(conductor, managers, instance, bdms, 'node1')
    assert managers['node2'].driver.list_instance_uuids() == []


def test_source_failure_reconnects_the_volumes_there(cloud):
    conductor, managers = cloud
    instance, bdms = _server(cloud)

    class Broken:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise RuntimeError('bus down')
            return fail
    # The last source task (the cast to the destination) fails.
    managers['node1'].compute_rpc = Broken()
    instance, migration = _resize(cloud, instance)
    assert (instance['vm_state'], instance['task_state'],
            instance['host']) == (states.ACTIVE, None, 'node1')
    _check_on(conductor, managers, instance, bdms, 'node1')
    assert conductor.migrations[migration['uuid']]['status'] == 'error'


def test_destination_failure_disconnects_the_volumes_there(cloud):
    conductor, managers = cloud
    instance, bdms = _server(cloud)
    conductor.fail_when = lambda values: values.get('vm_state') == \
        states.RESIZED
    instance, migration = _resize(cloud, instance)
    assert instance['vm_state'] == states.ERROR
    for bdm in bdms:
        (attachment,) = _attachments(conductor, bdm['volume_id'])
        # Reserved for the server, connected nowhere (as nova leaves it).
        assert attachment['status'] == 'reserved'
        assert conductor.volume_status(bdm['volume_id']) == 'reserved'
        assert conductor.bdms[bdm['uuid']]['attachment_id'] in \
            conductor.attachments


def test_server_without_volumes_moves_as_before(cloud):
    conductor, managers = cloud
    instance = conductor.add({
        'uuid': str(uuid.uuid4()), 'host': 'node1', 'node': 'node1',
        'vm_state': states.ACTIVE, 'task_state': states.RESIZE_PREP,
        'power_state': states.RUNNING, 'flavor': OLD, 'old_flavor': None,
        'new_flavor': NEW, 'image_ref': 'img',
        'system_metadata': {'old_vm_state': states.ACTIVE}})
    managers['node1'].driver.spawn(None, instance, {'id': 'img'})
    instance, migration = _resize(cloud, instance)
    assert instance['vm_state'] == states.RESIZED
    assert conductor.attachments == {}
