"""Resize of a libvirt guest with a data volume between two hosts sharing
one libvirt (test driver): the volume is connected on the destination and
plugged into the guest defined there; revert brings it back in the
original domain. (A guest whose root disk is a volume: test_rootvol_moves.)
"""
import pytest

from stratus.common import context
from stratus.compute import manager
from stratus.compute import states
from stratus.compute.virt.libvirt import xml
from support.fake_conductor import FakeConductor

CTXT = {'auth_token': 'token', 'request_id': 'req-test'}
KIMG = {'id': 'kimg', 'properties': {}}


class LocalRPC:
    def __init__(self, managers):
        self.managers = managers

    def __getattr__(self, method):
        def cast(ctxt, host, instance, *args, **kwargs):
            getattr(self.managers[host], method)(ctxt, instance, *args,
                                                 **kwargs)
        return cast


@pytest.fixture
def two_hosts(make_driver):
    return make_driver('host-a'), make_driver('host-b')


@pytest.fixture
def managers(two_hosts):
    conductor = FakeConductor()
    conductor.migrations = {}
    conductor.migration_update = lambda ctxt, uuid, values: \
        conductor.migrations.setdefault(uuid, {}).update(values)
    conductor.claims_move = lambda ctxt, a, b: None
    found = {drv.host: manager.ComputeManager(drv.host, drv, conductor)
             for drv in two_hosts}
    for mgr in found.values():
        mgr.compute_rpc = LocalRPC(found)
    return found


def _ctxt():
    ctxt = context.get_admin_context()
    ctxt.auth_token = 'token'
    return ctxt


def _targets(drv, uuid):
    return [t for t, _ in xml.disk_sources(drv.libvirt.get(uuid).xml_desc())]


def _resize(managers, new_instance, image_ref='kimg', boot_index=None):
    a = managers['host-a']
    conductor = a.conductor
    instance = dict(new_instance(image_ref='kimg'), host='host-a', node='host-a',
                    vm_state=states.ACTIVE, task_state=states.RESIZE_PREP,
                    power_state=states.RUNNING, old_flavor=None,
                    image_ref=image_ref,
                    system_metadata={'old_vm_state': states.ACTIVE})
    bdm = conductor.add_volume(instance['uuid'], '/dev/vdb', boot_index)
    info = conductor.volume_attachment_update(None, bdm['attachment_id'],
                                              {'host': 'host-a'})
    conductor.volume_attachment_complete(None, bdm['attachment_id'])
    conductor.bdm_update(None, bdm['uuid'], {'connection_info': info})
    a.driver.spawn(CTXT, instance, KIMG, block_devices=[
        dict(bdm, connection_info=info)])
    new_flavor = dict(instance['flavor'], flavorid='2', root_gb=2)
    instance = conductor.add(dict(instance, new_flavor=new_flavor))
    migration = {'uuid': 'm1', 'source_compute': 'host-a',
                 'source_node': 'host-a', 'dest_compute': 'host-b',
                 'dest_node': 'host-b'}
    managers['host-b'].prep_resize(_ctxt(), instance, migration, new_flavor,
                                   KIMG)
    return conductor.instances[instance['uuid']], migration, bdm


def test_data_volume_follows_and_reverts(managers, new_instance):
    saved, migration, bdm = _resize(managers, new_instance)
    conductor = managers['host-a'].conductor
    assert (saved['vm_state'], saved['host']) == (states.RESIZED, 'host-b')
    b = managers['host-b'].driver
    assert _targets(b, saved['uuid']) == ['vda', 'vdb']
    [attachment] = [a for a in conductor.attachments.values()
                    if a['volume_id'] == bdm['volume_id']]
    assert attachment['connector']['host'] == 'host-b'
    assert attachment['status'] == 'attached'
    # Connected again on the source, the volume may have another path.
    connect = conductor.volume_attachment_update

    def elsewhere(ctxt, attachment_id, connector):
        info = connect(ctxt, attachment_id, connector)
        info['data']['device_path'] = '/dev/fake/again'
        return info
    conductor.volume_attachment_update = elsewhere
    saved['task_state'] = states.RESIZE_REVERTING
    managers['host-b'].revert_resize(_ctxt(), dict(saved), migration)
    back = conductor.instances[saved['uuid']]
    assert (back['vm_state'], back['host']) == (states.ACTIVE, 'host-a')
    a = managers['host-a'].driver
    assert _targets(a, saved['uuid']) == ['vda', 'vdb']
    assert dict(xml.disk_sources(a.libvirt.get(saved['uuid']).xml_desc()))[
        'vdb'] == '/dev/fake/again'
    [attachment] = [a for a in conductor.attachments.values()
                    if a['volume_id'] == bdm['volume_id']]
    assert attachment['connector']['host'] == 'host-a'

