"""The lvm driver where device-mapper exists: activated LVs at /dev/VG/LV,
snapshots with lvcreate -s, thin pools."""
import pytest

from stratus.common import exception
from stratus.volume.drivers.lvm import vg as lvm_vg

REPORT = ['--reportformat', 'json', '--units', 'b', '--nosuffix']
GiB = 1 << 30


def lvs(name):
    return ['lvs', *REPORT, '-o', lvm_vg.LV_FIELDS,
            '--select', 'lv_name=%s' % name, 'vg1']


def vol(vid, size=1):
    return {'id': vid, 'name': 'volume-%s' % vid, 'size': size}


def snap(sid):
    return {'id': sid, 'name': 'snapshot-%s' % sid, 'volume_size': 1}


@pytest.fixture
def drv(make_driver):
    return make_driver(True)


def test_thick_create_extend_and_device_path(drv):
    driver, host = drv
    driver.create_volume(vol('a'))
    driver.extend_volume(vol('a'), 3)
    assert driver.local_path(vol('a')) == '/dev/vg1/volume-a'
    assert host.calls == [
        lvs('volume-a'),
        ['lvcreate', '--yes', '-n', 'volume-a', '-L', '1073741824b', 'vg1'],
        lvs('volume-a'),
        ['lvextend', '-L', '3221225472b', 'vg1/volume-a'],
        lvs('volume-a')]
    assert not host.commands('losetup')


def test_snapshot_is_lvcreate_s_with_the_volume_size(drv):
    driver, host = drv
    driver.create_volume(vol('a'))
    host.clear()
    driver.create_snapshot(snap('s'), vol('a'))
    assert host.calls == [
        lvs('_snapshot-s'), lvs('volume-a'),
        ['lvcreate', '-s', '-L', '1073741824b', '-n', '_snapshot-s',
         'vg1/volume-a']]


def test_thick_snapshot_delete_wipes_its_cow_store(drv):
    driver, host = drv
    driver.create_volume(vol('a'))
    driver.create_snapshot(snap('s'), vol('a'))
    with pytest.raises(exception.VolumeIsBusy):
        driver.delete_volume(vol('a'))
    host.clear()
    driver.delete_snapshot(snap('s'), vol('a'))
    assert host.calls == [
        lvs('_snapshot-s.new'), lvs('_snapshot-s'),
        ['blkdiscard', '--zeroout', '--length', str(GiB),
         '/dev/mapper/vg1-_snapshot--s-cow'],
        ['lvremove', '-f', 'vg1/_snapshot-s']]


def test_volume_delete_wipes_the_device(drv):
    driver, host = drv
    driver.create_volume(vol('a'))
    host.clear()
    driver.delete_volume(vol('a'))
    assert host.calls[1:] == [
        ['blkdiscard', '--zeroout', '--length', str(GiB),
         '/dev/vg1/volume-a'],
        ['lvremove', '-f', 'vg1/volume-a']]


def test_thick_clone_copies_from_a_temporary_snapshot(drv):
    driver, host = drv
    driver.create_volume(vol('a'))
    host.clear()
    driver.create_cloned_volume(vol('b'), vol('a'))
    steps = [c for c in host.calls if c[0] != 'lvs']
    assert steps == [
        ['lvcreate', '-s', '-L', '1073741824b', '-n', 'clone-snap-a',
         'vg1/volume-a'],
        ['lvcreate', '--yes', '-n', 'volume-b.new', '-L', '1073741824b',
         'vg1'],
        ['qemu-img', 'convert', '-n', '-t', 'none', '-T', 'none', '-f', 'raw',
         '-O', 'raw', '/dev/vg1/clone-snap-a', '/dev/vg1/volume-b.new'],
        ['lvrename', 'vg1', 'volume-b.new', 'volume-b'],
        ['blkdiscard', '--zeroout', '--length', str(GiB),
         '/dev/mapper/vg1-clone--snap--a-cow'],
        ['lvremove', '-f', 'vg1/clone-snap-a']]


def test_thin_pool_is_made_at_setup_and_volumes_are_thin(make_driver):
    driver, host = make_driver(True, lvm_type='thin')
    driver.check_for_setup_error()
    assert ['lvcreate', '--type', 'thin-pool', '-l', '95%FREE',
            '-n', 'vg1-pool', 'vg1'] in host.calls
    host.lvs['vg1-pool']['data_percent'] = 10.0
    host.clear()
    driver.create_volume(vol('a', 4))
    driver.create_snapshot(snap('s'), vol('a'))
    driver.create_volume_from_snapshot(vol('b', 5), snap('s'))
    driver.create_cloned_volume(vol('c', 4), vol('a'))
    assert [c for c in host.calls if c[0] != 'lvs'] == [
        ['lvcreate', '-T', '-V', '4294967296b', '-n', 'volume-a',
         'vg1/vg1-pool'],
        ['lvcreate', '-s', '-kn', '-n', '_snapshot-s', 'vg1/volume-a'],
        ['lvcreate', '-s', '-kn', '-n', 'volume-b', 'vg1/_snapshot-s'],
        ['lvextend', '-L', '5368709120b', 'vg1/volume-b'],
        ['lvcreate', '-s', '-kn', '-n', 'volume-c', 'vg1/volume-a']]
    with pytest.raises(exception.VolumeBackendSizeMismatch):
        driver.create_cloned_volume(vol('c', 5), vol('a'))
    with pytest.raises(exception.VolumeBackendAPIException,
                       match='cannot hold'):
        driver.create_cloned_volume(vol('d', 1), vol('a'))
    host.clear()
    driver.delete_volume(vol('b'))                     # thin: no wipe
    assert [c[0] for c in host.calls] == ['lvs', 'lvremove']


def test_thin_stats_come_from_the_pool(make_driver):
    driver, host = make_driver(True, lvm_type='thin',
                               max_over_subscription_ratio=5.0,
                               reserved_percentage=10)
    driver.check_for_setup_error()
    host.lvs['vg1-pool']['data_percent'] = 25.0
    driver.create_volume(vol('a', 4))
    driver.create_volume(vol('b', 8))
    pool = driver.get_volume_stats(refresh=True)['pools'][0]
    size = host.lvs['vg1-pool']['count'] * 4 * (1 << 20) / GiB
    assert pool['total_capacity_gb'] == round(size, 2)
    assert pool['free_capacity_gb'] == round(size * 0.75, 2)
    assert pool['allocated_capacity_gb'] == round(size * 0.25, 2)
    assert pool['provisioned_capacity_gb'] == 12.0
    assert pool['thin_provisioning_support'] is True
    assert pool['thick_provisioning_support'] is False
    assert pool['max_over_subscription_ratio'] == 5.0
    assert pool['reserved_percentage'] == 10
    assert pool['total_volumes'] == 2


def test_stats_are_cached_until_refresh_or_change(drv):
    driver, host = drv
    driver.get_volume_stats(refresh=True)
    host.clear()
    driver.get_volume_stats()
    assert host.calls == []
    driver.create_volume(vol('a'))
    host.clear()
    assert driver.get_volume_stats()['pools'][0]['total_volumes'] == 1
    assert host.calls
