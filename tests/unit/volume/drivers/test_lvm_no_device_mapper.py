"""The lvm driver where the kernel has no device-mapper: metadata-only LVM
commands and loop devices over the PV as the data path."""
import pytest

from support.fake_lvm_host import EXTENT, PE_START, PV

from stratus.common import exception
from stratus.volume.drivers.lvm import vg as lvm_vg

CFG = ['--config', lvm_vg.ACTIVATION_OFF]
REPORT = ['--reportformat', 'json', '--units', 'b', '--nosuffix']
GiB = 1 << 30
LOOPS = ['losetup', '--json', '--list', '-O',
         'NAME,BACK-FILE,OFFSET,SIZELIMIT,AUTOCLEAR']


def lvs(name):
    return ['lvs', *CFG, *REPORT, '-o', lvm_vg.LV_FIELDS,
            '--select', 'lv_name=%s' % name, 'vg1']


def segs(name):
    return ['pvs', *CFG, *REPORT, '-o', lvm_vg.SEG_FIELDS, '--segments',
            '--select', 'vg_name=vg1 && lv_name=%s' % name]


def attach(offset, size):
    return ['losetup', '--find', '--show', '--direct-io=on',
            '--offset', str(offset), '--sizelimit', str(size), PV]


def vol(vid, size=1):
    return {'id': vid, 'name': 'volume-%s' % vid, 'size': size}


def snap(sid):
    return {'id': sid, 'name': 'snapshot-%s' % sid, 'volume_size': 1}


@pytest.fixture
def drv(make_driver):
    return make_driver(False)


def test_create_is_metadata_only_inactive_unzeroed_contiguous(drv):
    driver, host = drv
    driver.create_volume(vol('a'))
    assert host.calls == [
        lvs('volume-a'),
        ['lvcreate', *CFG, '-an', '-Zn', '--alloc', 'contiguous',
         '-n', 'volume-a', '-L', '1073741824b', 'vg1']]
    host.clear()
    driver.create_volume(vol('a'))                    # again: nothing to do
    assert host.calls == [lvs('volume-a')]
    with pytest.raises(exception.VolumeBackendSizeMismatch):
        driver.create_volume(vol('a', 2))


def test_local_path_maps_the_extents_with_a_loop_device(drv):
    driver, host = drv
    driver.create_volume(vol('a'))
    driver.create_volume(vol('b'))
    host.clear()
    assert driver.local_path(vol('b')) == '/dev/loop1'
    assert host.calls == [lvs('volume-b'), segs('volume-b'), LOOPS,
                          attach(PE_START + 256 * EXTENT, GiB)]
    host.clear()
    # a second call (or a restarted driver) finds the same mapping
    assert driver.local_path(vol('b')) == '/dev/loop1'
    assert host.commands('losetup') == [LOOPS]


def test_delete_wipes_through_the_loop_then_detaches_and_removes(drv):
    driver, host = drv
    driver.create_volume(vol('a'))
    host.clear()
    driver.delete_volume(vol('a'))
    assert host.calls == [
        ['lvs', *CFG, *REPORT, '-o', lvm_vg.LV_FIELDS, 'vg1'],
        segs('volume-a'), LOOPS, attach(PE_START, GiB),
        ['blkdiscard', '--zeroout', '--length', str(GiB), '/dev/loop1'],
        segs('volume-a'), LOOPS, ['losetup', '--detach', '/dev/loop1'],
        LOOPS, ['lvremove', *CFG, '-f', 'vg1/volume-a']]
    assert host.lvs == {} and list(host.loops) == [PV]
    host.clear()
    driver.delete_volume(vol('a'))                     # gone: no-op
    assert [c[0] for c in host.calls] == ['lvs']


def test_wipe_falls_back_to_dd_and_honours_volume_clear_size(make_driver):
    from stratus.common import processutils
    driver, host = make_driver(False, volume_clear_size=100)
    driver.create_volume(vol('a'))
    host.fail['blkdiscard'] = processutils.ProcessExecutionError(
        ['blkdiscard'], 1, '', 'BLKZEROOUT ioctl failed')
    driver.delete_volume(vol('a'))
    assert ['blkdiscard', '--zeroout', '--length', str(100 << 20),
            '/dev/loop1'] in host.calls
    assert ['dd', 'if=/dev/zero', 'of=/dev/loop1', 'bs=1M', 'count=100',
            'oflag=direct'] in host.calls


def test_volume_clear_none_skips_the_wipe(make_driver):
    driver, host = make_driver(False, volume_clear='none')
    driver.create_volume(vol('a'))
    driver.delete_volume(vol('a'))
    assert not host.commands('blkdiscard') and not host.commands('dd')


def test_delete_refuses_a_device_still_open(drv, monkeypatch):
    from stratus.volume.drivers.lvm import loopdev
    monkeypatch.setattr(loopdev, 'BUSY_CHECK_INTERVAL', 0)
    driver, host = drv
    driver.create_volume(vol('a'))
    host.busy.add(driver.local_path(vol('a')))
    with pytest.raises(exception.VolumeDeviceBusy):
        driver.delete_volume(vol('a'))
    assert 'volume-a' in host.lvs


def test_snapshot_is_a_full_copy_built_under_a_temporary_name(drv):
    driver, host = drv
    driver.create_volume(vol('a'))
    driver.local_path(vol('a'))                    # /dev/loop1
    host.clear()
    driver.create_snapshot(snap('s'), vol('a'))
    assert host.calls == [
        lvs('_snapshot-s'), lvs('volume-a'), segs('volume-a'), LOOPS,
        lvs('_snapshot-s.new'),
        ['lvcreate', *CFG, '-an', '-Zn', '--alloc', 'contiguous',
         '-n', '_snapshot-s.new', '-L', '1073741824b', 'vg1'],
        segs('_snapshot-s.new'), LOOPS, attach(PE_START + GiB, GiB),
        ['qemu-img', 'convert', '-n', '-t', 'none', '-T', 'none',
         '-f', 'raw', '-O', 'raw', '/dev/loop1', '/dev/loop2'],
        ['lvrename', *CFG, 'vg1', '_snapshot-s.new', '_snapshot-s']]
    host.clear()
    driver.create_snapshot(snap('s'), vol('a'))         # exists: done
    assert host.calls == [lvs('_snapshot-s')]


def test_a_half_built_copy_is_removed_before_building_again(drv):
    driver, host = drv
    driver.create_volume(vol('a'))
    host.lvs['_snapshot-s.new'] = {'start': 600, 'count': 256}   # a crash
    driver.create_snapshot(snap('s'), vol('a'))
    assert ['lvremove', *CFG, '-f', 'vg1/_snapshot-s.new'] in host.calls
    assert set(host.lvs) == {'volume-a', '_snapshot-s'}


def test_from_snapshot_and_clone_copy_into_new_lvs(drv):
    driver, host = drv
    driver.create_volume(vol('a'))
    driver.create_snapshot(snap('s'), vol('a'))
    host.clear()
    driver.create_volume_from_snapshot(vol('b', 2), snap('s'))
    driver.create_cloned_volume(vol('c'), vol('a'))
    copies = host.commands('qemu-img')
    assert [c[-2:] for c in copies] == [['/dev/loop2', '/dev/loop3'],
                                        ['/dev/loop1', '/dev/loop4']]
    assert host.lvs['volume-b']['count'] * EXTENT == 2 * GiB
    assert set(host.lvs) == {'volume-a', '_snapshot-s', 'volume-b',
                             'volume-c'}


def test_revert_copies_the_snapshot_back_and_keeps_it(drv):
    driver, host = drv
    driver.create_volume(vol('a'))
    driver.create_snapshot(snap('s'), vol('a'))
    host.clear()
    driver.revert_to_snapshot(vol('a'), snap('s'))
    copies = host.commands('qemu-img')
    assert len(copies) == 1
    assert copies[0][-2:] == [driver.data.device('_snapshot-s'),
                              driver.data.device('volume-a')]
    assert set(host.lvs) == {'volume-a', '_snapshot-s'}


def test_extend_in_place_remaps_the_loop_device(drv):
    driver, host = drv
    driver.create_volume(vol('a'))
    driver.local_path(vol('a'))
    host.clear()
    driver.extend_volume(vol('a'), 2, )
    assert host.calls == [
        lvs('volume-a'), lvs('volume-a.old'),
        ['lvextend', *CFG, '--alloc', 'contiguous', '-L', '2147483648b',
         'vg1/volume-a'],
        segs('volume-a'), LOOPS, ['losetup', '--detach', '/dev/loop1'],
        attach(PE_START, 2 * GiB)]
    assert host.loops['/dev/loop1']['size'] == 2 * GiB


def test_extend_without_room_moves_the_volume(drv):
    driver, host = drv
    driver.create_volume(vol('a'))
    driver.create_volume(vol('b'))                   # right after a
    host.clear()
    driver.extend_volume(vol('a'), 2)
    tools = [(c[0], c[-1]) for c in host.calls
             if c[0] in ('lvcreate', 'lvextend', 'lvrename', 'lvremove',
                         'qemu-img', 'blkdiscard')]
    assert tools == [
        ('lvextend', 'vg1/volume-a'),                # no contiguous room
        ('lvcreate', 'vg1'),                         # volume-a.grow, 2 GiB
        ('qemu-img', '/dev/loop2'),                  # copy a -> a.grow
        ('lvrename', 'volume-a.old'),
        ('lvrename', 'volume-a'),
        ('blkdiscard', '/dev/loop1'),                # wipe the old extents
        ('lvremove', 'vg1/volume-a.old')]
    assert host.lvs['volume-a'] == {'start': 512, 'count': 512, 'origin': ''}
    assert driver.local_path(vol('a')) == '/dev/loop2'


def test_an_interrupted_move_is_finished_on_next_use(drv):
    driver, host = drv
    # crashed after renaming the original away: the grown copy is complete
    host.lvs['volume-a.old'] = {'start': 0, 'count': 256}
    host.lvs['volume-a.grow'] = {'start': 512, 'count': 512}
    driver.extend_volume(vol('a'), 2)
    assert ['lvrename', *CFG, 'vg1', 'volume-a.grow', 'volume-a'] \
        in host.calls
    assert set(host.lvs) == {'volume-a'}


def test_image_is_converted_into_the_volume(drv):
    driver, host = drv
    driver.create_volume(vol('a'))
    host.clear()
    driver.copy_image_to_volume(vol('a'), '/img/cirros.qcow2', 'qcow2')
    assert host.commands('qemu-img') == [
        ['qemu-img', 'info', '--output=json', '-f', 'qcow2',
         '/img/cirros.qcow2'],
        ['qemu-img', 'convert', '-n', '-t', 'none', '-f', 'qcow2',
         '-O', 'raw', '/img/cirros.qcow2', '/dev/loop1']]
    host.clear()
    driver.copy_image_to_volume(vol('a'), '/img/win.vhd', 'vhd')
    assert host.commands('qemu-img')[1][5:7] == ['-f', 'vpc']
    host.image_size = 2 * GiB
    with pytest.raises(exception.ImageUnacceptable):
        driver.copy_image_to_volume(vol('a'), '/img/big.qcow2', 'qcow2')


def test_thin_and_mirrors_need_device_mapper(make_driver):
    driver, host = make_driver(False, lvm_type='thin')
    with pytest.raises(exception.VolumeBackendAPIException,
                       match='thin needs device-mapper'):
        driver.check_for_setup_error()
    driver, host = make_driver(False, lvm_mirrors=1)
    with pytest.raises(exception.VolumeBackendAPIException,
                       match='lvm_mirrors'):
        driver.check_for_setup_error()


def test_missing_volume_group_is_a_setup_error(drv):
    driver, host = drv
    host.fail['vgs'] = __import__(
        'stratus.common.processutils', fromlist=['x']).ProcessExecutionError(
            ['vgs'], 5, '', 'Volume group "vg1" not found')
    with pytest.raises(exception.VolumeBackendAPIException,
                       match='vg1 does not exist'):
        driver.check_for_setup_error()


def test_stats_report_thick_capacity_without_thin_support(drv):
    driver, host = drv
    driver.create_volume(vol('a'))
    driver.create_volume(vol('b', 2))
    stats = driver.get_volume_stats(refresh=True)
    pool = stats['pools'][0]
    assert stats['volume_backend_name'] == 'lvmdriver-1'
    assert stats['storage_protocol'] == 'local'
    assert pool['pool_name'] == 'lvmdriver-1'
    assert (pool['total_capacity_gb'], pool['free_capacity_gb'],
            pool['allocated_capacity_gb'],
            pool['provisioned_capacity_gb']) == (10.0, 7.0, 3.0, 3.0)
    assert pool['thin_provisioning_support'] is False
    assert pool['thick_provisioning_support'] is True
    assert pool['multiattach'] is False and pool['device_mapper'] is False
    assert pool['total_volumes'] == 2
    assert pool['max_over_subscription_ratio'] == 20.0
    assert pool['reserved_percentage'] == 0


def _losetup_json(*rows):
    import json
    return json.dumps({'loopdevices': [
        {'name': name, 'back-file': back, 'offset': offset,
         'sizelimit': 1024, 'autoclear': autoclear}
        for name, back, offset, autoclear in rows]})


def test_detach_is_not_fooled_by_its_name_mapped_again_elsewhere():
    """Another process may map other extents on the freed /dev/loopN right
    after the detach; that is not our device still being busy."""
    from stratus.volume.drivers.lvm import loopdev
    answers = iter([
        _losetup_json(('/dev/loop3', PV, 4096, False)),      # before
        _losetup_json(('/dev/loop3', PV, 999424, False)),    # after
    ])

    def execute(cmd):
        return ('' if cmd[1] == '--detach' else next(answers)), ''
    loopdev.LoopDevices(execute).detach('/dev/loop3')


def test_detach_waits_for_a_scan_to_let_go(monkeypatch):
    """An lvm command scanning devices holds the loop device open for a
    moment: the detach only marks it autoclear until the scan closes it."""
    from stratus.volume.drivers.lvm import loopdev
    monkeypatch.setattr(loopdev, 'BUSY_CHECK_INTERVAL', 0)
    mapped = ('/dev/loop3', PV, 4096, False)
    answers = iter([_losetup_json(mapped),
                    _losetup_json(mapped[:3] + (True,)),
                    _losetup_json()])

    def execute(cmd):
        return ('' if cmd[1] == '--detach' else next(answers)), ''
    loopdev.LoopDevices(execute).detach('/dev/loop3')
