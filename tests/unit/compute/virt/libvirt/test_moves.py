"""Rescue, snapshot, and resize/cold migration between two hosts sharing
one libvirt (test driver): the disk and the images under it really move
between the instances paths, each host owns the guest in turn; and the
compute flows run on this driver end to end."""
import io
import os
import subprocess

import pytest

from stratus.common import context
from stratus.compute import manager
from stratus.compute import states
from stratus.compute.virt import driver as driver_api
from stratus.compute.virt.libvirt import disks
from support.fake_conductor import FakeConductor

CTXT = {'auth_token': 'token', 'request_id': 'req-test'}
KIMG = {'id': 'kimg', 'properties': {}}


def _disk_targets(drv, instance):
    from stratus.compute.virt.libvirt import xml
    return xml.disk_sources(drv.libvirt.get(instance['uuid']).xml_desc())


# --- rescue ------------------------------------------------------------------
def test_rescue_boots_the_rescue_image_with_the_disk_second(drv, spawned):
    uuid = spawned['uuid']
    drv.cache_image(CTXT, 'kimg')
    drv.rescue(spawned, {'id': 'kimg'}, 'pw')
    directory = drv.instance_dir(uuid)
    assert _disk_targets(drv, spawned) == [
        ('vda', os.path.join(directory, 'disk.rescue')),
        ('vdb', os.path.join(directory, 'disk'))]
    assert '<kernel>' in drv.libvirt.get(uuid).xml_desc()
    assert drv.get_power_state(spawned) == states.RUNNING
    drv.unrescue(spawned)
    assert _disk_targets(drv, spawned) == [('vda', drv.disk_path(uuid))]
    assert '<kernel>' not in drv.libvirt.get(uuid).xml_desc()
    assert sorted(os.listdir(directory)) == ['disk']


def test_rescue_needs_the_image_cached_first(drv, spawned):
    with pytest.raises(driver_api.DriverError, match='not in the image'):
        drv.rescue(spawned, {'id': 'kimg'}, 'pw')


# --- snapshot ----------------------------------------------------------------
@pytest.mark.parametrize('power', ['running', 'paused', 'off'])
def test_snapshot_is_a_flat_qcow2(drv, spawned, tmp_path, power):
    if power == 'paused':
        drv.pause(spawned)
    elif power == 'off':
        drv.power_off(spawned)
    out = io.BytesIO()
    assert drv.snapshot(spawned, out) == 'qcow2'
    path = tmp_path / 'snap.qcow2'
    path.write_bytes(out.getvalue())
    details = disks.info(str(path), 'qcow2')
    assert 'backing-filename' not in details
    assert details['virtual-size'] == 1024 ** 3
    # The guest is as it was, and nothing is left beside its disk.
    expected = {'running': states.RUNNING, 'paused': states.PAUSED_POWER,
                'off': states.SHUTDOWN}[power]
    assert drv.get_power_state(spawned) == expected
    assert os.listdir(drv.instance_dir(spawned['uuid'])) == ['disk']


# --- resize and cold migration -----------------------------------------------
@pytest.fixture
def two_hosts(make_driver):
    return make_driver('host-a'), make_driver('host-b')


def _move(a, b, instance, new_root_gb=None):
    flavor = dict(instance['flavor'])
    if new_root_gb:
        flavor.update(root_gb=new_root_gb, flavorid='2')
    info = a.migrate_disk_and_power_off(instance, 'host-b', flavor,
                                        dest_target=b.migration_target())
    moved = dict(instance, flavor=flavor)
    b.finish_migration(moved, info, None, resize_disk=bool(new_root_gb),
                       power_on=True)
    return moved


def test_migrate_moves_disk_images_and_ownership(two_hosts, new_instance):
    a, b = two_hosts
    instance = new_instance(image_ref='kimg')
    a.spawn(CTXT, instance, KIMG)
    uuid = instance['uuid']
    moved = _move(a, b, instance, new_root_gb=2)
    assert a.list_instance_uuids() == [] and b.list_instance_uuids() == [uuid]
    assert os.path.isdir(a.instance_dir(uuid) + '_resize')
    details = disks.info(b.disk_path(uuid), 'qcow2')
    assert details['full-backing-filename'] == b.cache.path('kimg')
    assert details['virtual-size'] == 2 * 1024 ** 3
    assert all(b.cache.get(i) for i in ('kimg', 'kern', 'ramd'))
    assert b.libvirt.get(uuid).xml_desc().count(b.instances_path) >= 3
    a.confirm_migration(instance)
    assert not os.path.exists(a.instance_dir(uuid) + '_resize')
    assert b.get_power_state(moved) == states.RUNNING


def test_revert_brings_the_original_back(two_hosts, new_instance):
    a, b = two_hosts
    instance = new_instance()
    a.spawn(CTXT, instance, {'id': 'img', 'properties': {}})
    moved = _move(a, b, instance, new_root_gb=2)
    b.destroy(moved)
    a.finish_revert_migration(instance, power_on=True)
    assert a.list_instance_uuids() == [instance['uuid']]
    assert b.list_instance_uuids() == []
    assert disks.info(a.disk_path(instance['uuid']), 'qcow2')[
        'virtual-size'] == 1024 ** 3
    assert not os.path.exists(a.instance_dir(instance['uuid']) + '_resize')
    assert not os.path.exists(b.instance_dir(instance['uuid']))


def _remote_copies(monkeypatch, fail=False):
    """ssh/rsync recorded (or failing); qemu-img and cp really run."""
    real, seen = disks.execute, []

    def execute(*cmd, **kwargs):
        if cmd[0] not in ('ssh', 'rsync'):
            return real(*cmd, **kwargs)
        if fail:
            raise driver_api.DriverError(reason='%s: no route' % cmd[0])
        seen.append(cmd)
        return ''
    monkeypatch.setattr(disks, 'execute', execute)
    return seen


def test_another_machine_gets_the_disk_by_rsync(two_hosts, new_instance,
                                                monkeypatch):
    a, b = two_hosts
    instance = new_instance(image_ref='kimg')
    a.spawn(CTXT, instance, KIMG)
    target = dict(b.migration_target(), machine_id='elsewhere',
                  address='192.0.2.1')
    seen = _remote_copies(monkeypatch)
    info = a.migrate_disk_and_power_off(instance, 'host-b',
                                        instance['flavor'],
                                        dest_target=target)
    dest = os.path.join(b.instances_path, instance['uuid'])
    assert seen[0][-4:] == ('root@192.0.2.1', 'mkdir', '-p', dest + '/_ship')
    assert [c[-1] for c in seen[1:]] == [
        'root@192.0.2.1:%s/disk' % dest] + [
        'root@192.0.2.1:%s/_ship/%s' % (dest, i)
        for i in ('kimg', 'kern', 'ramd')]
    assert [x['path'] for x in info['bases']] == [
        '%s/_ship/%s' % (dest, i) for i in ('kimg', 'kern', 'ramd')]
    assert a.list_instance_uuids() == []


def test_a_failed_copy_leaves_the_guest_running_here(two_hosts, new_instance,
                                                     monkeypatch):
    a, b = two_hosts
    instance = new_instance()
    a.spawn(CTXT, instance, {'id': 'img', 'properties': {}})
    target = dict(b.migration_target(), machine_id='elsewhere',
                  address='192.0.2.1')
    _remote_copies(monkeypatch, fail=True)
    with pytest.raises(driver_api.DriverError, match='ssh'):
        a.migrate_disk_and_power_off(instance, 'host-b', instance['flavor'],
                                     dest_target=target)
    assert a.get_power_state(instance) == states.RUNNING
    assert not os.path.exists(a.instance_dir(instance['uuid']) + '_resize')


def test_no_resize_down(two_hosts, new_instance):
    a, b = two_hosts
    instance = new_instance(root_gb=2)
    a.spawn(CTXT, instance, {'id': 'img', 'properties': {}})
    small = dict(instance['flavor'], root_gb=1)
    with pytest.raises(driver_api.DriverError, match='down'):
        a.migrate_disk_and_power_off(instance, 'host-b', small,
                                     dest_target=b.migration_target())
    assert a.get_power_state(instance) == states.RUNNING


# --- the compute flows on this driver ----------------------------------------
class LocalRPC:
    def __init__(self, managers):
        self.managers = managers

    def __getattr__(self, method):
        def cast(ctxt, host, instance, *args, **kwargs):
            getattr(self.managers[host], method)(ctxt, instance, *args,
                                                 **kwargs)
        return cast


@pytest.fixture
def managers(two_hosts):
    conductor = FakeConductor()
    conductor.migration_update = lambda ctxt, uuid, values: None
    conductor.claims_move = lambda ctxt, a, b: None
    found = {}
    for drv in two_hosts:
        found[drv.host] = manager.ComputeManager(drv.host, drv, conductor)
    for mgr in found.values():
        mgr.compute_rpc = LocalRPC(found)
    return found


def _ctxt():
    ctxt = context.get_admin_context()
    ctxt.auth_token = 'token'
    return ctxt


def test_flows_drive_the_guest(managers, new_instance):
    mgr = managers['host-a']
    instance = dict(new_instance(), host='host-a', node='host-a',
                    vm_state=states.BUILDING, task_state=None,
                    power_state=states.NOSTATE)
    instance = mgr.conductor.add(instance)
    uuid = instance['uuid']
    mgr.build_and_run_instance(_ctxt(), instance, KIMG)
    saved = mgr.conductor.instances[uuid]
    assert (saved['vm_state'], saved['power_state']) == (states.ACTIVE,
                                                         states.RUNNING)
    steps = [('stop_instance', states.POWERING_OFF, states.STOPPED),
             ('start_instance', states.POWERING_ON, states.ACTIVE),
             ('pause_instance', states.PAUSING, states.PAUSED),
             ('unpause_instance', states.UNPAUSING, states.ACTIVE),
             ('suspend_instance', states.SUSPENDING, states.SUSPENDED),
             ('resume_instance', states.RESUMING, states.ACTIVE)]
    for method, task_state, vm_state in steps:
        saved['task_state'] = task_state
        getattr(mgr, method)(_ctxt(), dict(saved))
        saved = mgr.conductor.instances[uuid]
        assert (saved['vm_state'], saved['task_state']) == (vm_state, None), \
            method
    saved['task_state'] = states.RESCUING
    mgr.rescue_instance(_ctxt(), dict(saved), {'id': 'kimg'}, 'pw')
    assert mgr.conductor.instances[uuid]['vm_state'] == states.RESCUED
    assert len(_disk_targets(mgr.driver, saved)) == 2


def test_resize_flows_carry_the_destination_target(managers, new_instance):
    a = managers['host-a']
    instance = dict(new_instance(), host='host-a', node='host-a',
                    vm_state=states.ACTIVE, task_state=states.RESIZE_PREP,
                    power_state=states.RUNNING, old_flavor=None,
                    system_metadata={'old_vm_state': states.ACTIVE})
    a.driver.spawn(CTXT, instance, KIMG)
    new_flavor = dict(instance['flavor'], flavorid='2', root_gb=2)
    instance = a.conductor.add(dict(instance, new_flavor=new_flavor))
    migration = {'uuid': 'm1', 'source_compute': 'host-a',
                 'source_node': 'host-a', 'dest_compute': 'host-b',
                 'dest_node': 'host-b'}
    managers['host-b'].prep_resize(_ctxt(), instance, migration, new_flavor,
                                   KIMG)
    saved = a.conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['host']) == (states.RESIZED, 'host-b')
    b = managers['host-b'].driver
    assert b.list_instance_uuids() == [instance['uuid']]
    out = subprocess.run(['qemu-img', 'info', '-U', b.disk_path(
        instance['uuid'])], capture_output=True, text=True).stdout
    assert 'virtual size: 2 GiB' in out
