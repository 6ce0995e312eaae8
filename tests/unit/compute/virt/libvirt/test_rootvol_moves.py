"""Resize and cold migration of a libvirt guest whose root disk is a
volume, between two hosts sharing one libvirt (test driver), through the
compute flows: nothing local is copied but the kernel and ramdisk it
boots, the destination defines the domain over the root volume as
connected there (vda) beside its data volume (vdb), the flavor's root_gb
is ignored; confirm cleans the source, revert brings the guest back over
the volumes connected there again."""
import os

import pytest

from stratus.common import context
from stratus.compute import manager
from stratus.compute import states
from stratus.compute.virt.libvirt import disks
from stratus.compute.virt.libvirt import xml
from support.fake_conductor import FakeConductor

CTXT = {'auth_token': 'token', 'request_id': 'req-test'}
KIMG = {'id': 'kimg', 'properties': {'kernel_id': 'kern',
                                     'ramdisk_id': 'ramd'}}


class LocalRPC:
    def __init__(self, managers):
        self.managers = managers

    def __getattr__(self, method):
        def cast(ctxt, host, instance, *args, **kwargs):
            getattr(self.managers[host], method)(ctxt, instance, *args,
                                                 **kwargs)
        return cast


@pytest.fixture
def managers(make_driver):
    conductor = FakeConductor()
    conductor.migrations = {}
    conductor.migration_update = lambda ctxt, uuid, values: \
        conductor.migrations.setdefault(uuid, {}).update(values)
    conductor.claims_move = lambda ctxt, a, b: None
    found = {host: manager.ComputeManager(host, make_driver(host), conductor)
             for host in ('host-a', 'host-b')}
    for mgr in found.values():
        mgr.compute_rpc = LocalRPC(found)
    return found


def _ctxt():
    ctxt = context.get_admin_context()
    ctxt.auth_token = 'token'
    return ctxt


def _connected(conductor, bdm, host):
    info = conductor.volume_attachment_update(None, bdm['attachment_id'],
                                              {'host': host})
    conductor.volume_attachment_complete(None, bdm['attachment_id'])
    conductor.bdm_update(None, bdm['uuid'], {'connection_info': info})
    return dict(conductor.bdms[bdm['uuid']])


@pytest.fixture
def server(managers, new_instance):
    """A running volume-backed guest of host-a (root volume at vda, a
    data volume at vdb, booted directly from kimg's kernel)."""
    a = managers['host-a']
    conductor = a.conductor
    instance = dict(new_instance(image_ref=''), host='host-a',
                    node='host-a', vm_state=states.ACTIVE, task_state=None,
                    power_state=states.RUNNING, old_flavor=None,
                    system_metadata={'old_vm_state': states.ACTIVE})
    root = _connected(conductor, conductor.add_volume(
        instance['uuid'], '/dev/vda', 0), 'host-a')
    data = _connected(conductor, conductor.add_volume(
        instance['uuid'], '/dev/vdb'), 'host-a')
    a.driver.spawn(CTXT, instance, KIMG, block_devices=[root, data])
    return conductor.add(instance), root, data


def _move(managers, instance, new_root_gb=None):
    """prep_resize on host-b: migrate (same flavor) or resize to a flavor
    with another root_gb."""
    conductor = managers['host-a'].conductor
    new_flavor = dict(instance['flavor'])
    if new_root_gb:
        new_flavor.update(flavorid='2', root_gb=new_root_gb)
    instance = conductor.add(dict(instance, task_state=states.RESIZE_PREP,
                                  new_flavor=new_flavor))
    migration = {'uuid': 'm1', 'source_compute': 'host-a',
                 'source_node': 'host-a', 'dest_compute': 'host-b',
                 'dest_node': 'host-b'}
    managers['host-b'].prep_resize(_ctxt(), instance, migration, new_flavor,
                                   {'id': None, 'properties': {}})
    return conductor.instances[instance['uuid']], migration


def _disks(drv, uuid):
    return dict(xml.disk_sources(drv.libvirt.get(uuid).xml_desc()))


def _attached_to(conductor, bdm):
    [attachment] = [a for a in conductor.attachments.values()
                    if a['volume_id'] == bdm['volume_id']]
    return attachment['connector']['host'], attachment['status']


def test_resize_lands_over_the_root_volume_and_confirms(managers, server):
    instance, root, data = server
    a, b = managers['host-a'].driver, managers['host-b'].driver
    conductor = managers['host-a'].conductor
    uuid = instance['uuid']
    saved, migration = _move(managers, instance, new_root_gb=5)
    assert (saved['vm_state'], saved['task_state'], saved['host']) == (
        states.RESIZED, None, 'host-b'), saved.get('fault')
    assert saved['flavor']['root_gb'] == 5
    assert conductor.migrations['m1']['status'] == 'finished'
    # The domain on host-b boots the root volume; nothing local was copied
    # but the kernel and ramdisk (adopted into host-b's cache).
    assert _disks(b, uuid) == {
        'vda': '/dev/fake/%s' % root['volume_id'],
        'vdb': '/dev/fake/%s' % data['volume_id']}
    assert not os.path.exists(b.disk_path(uuid))
    assert 'disk' not in os.listdir(b.instance_dir(uuid))
    assert b.cache.get('kern') and b.cache.get('ramd')
    assert b.cache.path('kern') in b.libvirt.get(uuid).xml_desc()
    assert b.get_power_state(saved) == states.RUNNING
    assert a.list_instance_uuids() == []
    for bdm in (root, data):
        assert _attached_to(conductor, bdm) == ('host-b', 'attached')
    managers['host-a'].confirm_resize(_ctxt(), dict(saved), migration)
    confirmed = conductor.instances[uuid]
    assert confirmed['vm_state'] == states.ACTIVE
    assert conductor.migrations['m1']['status'] == 'confirmed'
    assert not os.path.exists(a.instance_dir(uuid) + '_resize')
    assert b.list_instance_uuids() == [uuid]


def test_migrate_and_revert_come_back_over_fresh_connections(managers,
                                                             server):
    instance, root, data = server
    a, b = managers['host-a'].driver, managers['host-b'].driver
    conductor = managers['host-a'].conductor
    uuid = instance['uuid']
    saved, migration = _move(managers, instance)
    assert (saved['vm_state'], saved['host']) == (states.RESIZED,
                                                  'host-b'), saved.get('fault')
    # Connected on host-a again, the volumes may have other paths.
    connect = conductor.volume_attachment_update

    def elsewhere(ctxt, attachment_id, connector):
        info = connect(ctxt, attachment_id, connector)
        info['data']['device_path'] += '-again'
        return info
    conductor.volume_attachment_update = elsewhere
    saved = conductor.add(dict(saved, task_state=states.RESIZE_REVERTING))
    managers['host-b'].revert_resize(_ctxt(), saved, migration)
    back = conductor.instances[uuid]
    assert (back['vm_state'], back['task_state'], back['host']) == (
        states.ACTIVE, None, 'host-a'), back.get('fault')
    assert conductor.migrations['m1']['status'] == 'reverted'
    assert _disks(a, uuid) == {
        'vda': '/dev/fake/%s-again' % root['volume_id'],
        'vdb': '/dev/fake/%s-again' % data['volume_id']}
    assert a.get_power_state(back) == states.RUNNING
    assert b.list_instance_uuids() == []
    assert not os.path.exists(b.instance_dir(uuid))
    assert not os.path.exists(a.instance_dir(uuid) + '_resize')
    for bdm in (root, data):
        assert _attached_to(conductor, bdm) == ('host-a', 'attached')


def test_the_source_ships_no_disk(managers, server, monkeypatch):
    """To another machine only the kernel and ramdisk go by rsync."""
    instance, _root, _data = server
    a, b = managers['host-a'].driver, managers['host-b'].driver
    seen = []
    real = disks.execute

    def execute(*cmd, **kwargs):
        if cmd[0] in ('ssh', 'rsync'):
            seen.append(cmd)
            return ''
        return real(*cmd, **kwargs)
    monkeypatch.setattr(disks, 'execute', execute)
    target = dict(b.migration_target(), machine_id='another-machine')
    info = a.migrate_disk_and_power_off(instance, 'host-b',
                                        dict(instance['flavor'], root_gb=9),
                                        dest_target=target)
    assert info['root_image_id'] is None
    assert info['kernel_boot']['kernel_id'] == 'kern'
    shipped = [cmd[-2] for cmd in seen if cmd[0] == 'rsync']
    assert sorted(os.path.basename(p) for p in shipped) == ['kern', 'ramd']
    assert a.list_instance_uuids() == []
    # A failed finish elsewhere: the source takes its guest back.
    a.finish_revert_migration(instance, power_on=True)
    assert a.get_power_state(instance) == states.RUNNING
    assert 'vda' in _disks(a, instance['uuid'])
