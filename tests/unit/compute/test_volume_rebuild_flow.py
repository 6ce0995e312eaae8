"""Rebuild of a volume-backed server on the fake driver and the fake
conductor: from 2.93 the root volume is handed over, re-imaged and
connected again (one attachment, in-use, the new guest boots from it);
below, or for an image-backed server, the volumes stay as they were."""
import uuid

import pytest

from stratus.common import context
from stratus.compute import manager
from stratus.compute import states
from stratus.compute.flows import rebuild
from stratus.compute.virt import fake
from support.fake_conductor import FakeConductor

FLAVOR = {'flavorid': '1', 'name': 'm1', 'vcpus': 1, 'memory_mb': 64,
          'root_gb': 1, 'ephemeral_gb': 0, 'swap': 0}


@pytest.fixture
def compute():
    driver = fake.FakeDriver()
    driver.init_host('node1')
    return manager.ComputeManager('node1', driver, FakeConductor())


def _server(compute):
    """A volume-backed server with a data volume, both connected."""
    conductor = compute.conductor
    instance = {'uuid': str(uuid.uuid4()), 'host': 'node1', 'node': 'node1',
                'vm_state': states.ACTIVE, 'task_state': states.REBUILDING,
                'power_state': states.RUNNING, 'flavor': FLAVOR,
                'system_metadata': {}, 'image_ref': ''}
    devices = []
    for device, boot_index in (('/dev/vda', 0), ('/dev/vdb', None)):
        bdm = conductor.add_volume(instance['uuid'], device, boot_index)
        info = conductor.volume_attachment_update(
            None, bdm['attachment_id'], {'host': 'node1'})
        conductor.volume_attachment_complete(None, bdm['attachment_id'])
        conductor.bdm_update(None, bdm['uuid'], {'connection_info': info})
        devices.append(dict(bdm, connection_info=info))
    compute.driver.spawn(None, instance, None, block_devices=devices)
    return conductor.add(instance), devices


def _ctxt():
    return context.get_admin_context()


def test_flow_contract():
    flow = rebuild.get_flow(fake.FakeDriver(), FakeConductor())
    assert set(flow.requires) == {'ctxt', 'instance', 'image',
                                  'reimage_boot_volume'}


def test_reimage_rebuilds_the_root_volume(compute):
    conductor = compute.conductor
    instance, (root, data) = _server(compute)
    compute.rebuild_instance(_ctxt(), instance, {'id': 'img2'},
                             reimage_boot_volume=True)
    saved = conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ACTIVE, None)
    assert conductor.volumes[root['volume_id']]['image_id'] == 'img2'
    for bdm in (root, data):
        attachments = [a for a in conductor.attachments.values()
                       if a['volume_id'] == bdm['volume_id']]
        assert [a['status'] for a in attachments] == ['attached']
        assert conductor.volume_status(bdm['volume_id']) == 'in-use'
    # The root volume has a new attachment; the data volume keeps its own.
    assert conductor.bdms[root['uuid']]['attachment_id'] != \
        root['attachment_id']
    assert conductor.bdms[data['uuid']]['attachment_id'] == \
        data['attachment_id']
    guest = compute.driver._guests[instance['uuid']]
    assert guest['root_volume'] == root['volume_id']
    assert set(guest['volumes']) == {'/dev/vda', '/dev/vdb'}


def test_without_reimage_the_root_volume_stays(compute):
    conductor = compute.conductor
    instance, (root, data) = _server(compute)
    compute.rebuild_instance(_ctxt(), instance, {'id': 'img2'})
    saved = conductor.instances[instance['uuid']]
    assert saved['vm_state'] == states.ACTIVE
    assert 'image_id' not in conductor.volumes[root['volume_id']]
    assert conductor.bdms[root['uuid']]['attachment_id'] == \
        root['attachment_id']


def test_reimage_failure_is_error(compute):
    conductor = compute.conductor
    instance, (root, data) = _server(compute)
    conductor.fail_methods.add('volume_reimage')
    compute.rebuild_instance(_ctxt(), instance, {'id': 'img2'},
                             reimage_boot_volume=True)
    saved = conductor.instances[instance['uuid']]
    assert saved['vm_state'] == states.ERROR
    # The root volume stays reserved for the server (as nova leaves it).
    (attachment,) = [a for a in conductor.attachments.values()
                     if a['volume_id'] == root['volume_id']]
    assert attachment['status'] == 'reserved'
