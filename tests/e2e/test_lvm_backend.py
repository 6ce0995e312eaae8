"""The lvm driver on a real volume group: a sparse file on a loop device,
pvcreate/vgcreate, then create, snapshot, clone, from-image, extend, NBD
export and delete through the driver, with `lvs` after each step and a
byte pattern written through the data path and read back from the copies.

Runs the path this kernel supports (device-mapper or loop-mapped LVs).
Run with -s to see the lvs output and the timings.
"""
import os
import shutil
import socket
import subprocess
import time
import uuid

import pytest
from oslo_config import cfg

from stratus.common import exception
from stratus.common.conf import CONF
from stratus.common.conf import volume as volume_opts
from stratus.volume.drivers.lvm import driver as lvm_driver
from stratus.volume.drivers.lvm import vg as lvm_vg

GiB = 1 << 30
TOOLS = ('losetup', 'lvm', 'qemu-img')
TIMINGS = []


def _run(*cmd, check=True):
    return subprocess.run(cmd, check=check, capture_output=True, text=True,
                          env=dict(os.environ, LC_ALL='C')).stdout


def _skip_reason():
    if os.geteuid() != 0:
        return 'needs root (losetup, pvcreate)'
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        return 'missing %s (apt-get install lvm2 qemu-utils)' % ', '.join(
            missing)
    if not os.path.exists('/dev/loop-control'):
        return 'no /dev/loop-control: this kernel cannot make loop devices'
    return None


def _lvm(*args):
    config = [] if lvm_driver.device_mapper_present() else [
        '--config', lvm_vg.ACTIVATION_OFF]
    return _run(args[0], *config, *args[1:])


def _free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


@pytest.fixture(scope='module')
def loop_vg(tmp_path_factory):
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    backing = tmp_path_factory.mktemp('lvm') / 'pv.img'
    with open(backing, 'wb') as f:
        f.truncate(12 * GiB)                     # sparse: costs nothing
    try:
        pv = _run('losetup', '--find', '--show', '--direct-io=on',
                  str(backing)).strip()
    except subprocess.CalledProcessError as e:
        pytest.skip('losetup cannot attach a loop device here: %s'
                    % e.stderr.strip())
    name = 'stratus-e2e-%s' % uuid.uuid4().hex[:8]
    try:
        _lvm('pvcreate', pv)
        _lvm('vgcreate', name, pv)
        yield name, pv
    finally:
        _cleanup(name, pv, backing)


def _cleanup(name, pv, backing):
    """Everything the test made goes, even after a failure: the LV loop
    mappings over the PV, the VG, the PV label, the PV's loop, the file."""
    if lvm_driver.device_mapper_present():
        _run('vgchange', '-an', name, check=False)
    for line in _run('losetup', '--list', '--noheadings', '-O',
                     'NAME,BACK-FILE', check=False).splitlines():
        dev, _, back = line.strip().partition(' ')
        if back.strip() == pv:
            _run('losetup', '--detach', dev, check=False)
    _lvm_quiet = [] if lvm_driver.device_mapper_present() else [
        '--config', lvm_vg.ACTIVATION_OFF]
    _run('vgremove', *_lvm_quiet, '-f', name, check=False)
    _run('pvremove', *_lvm_quiet, '-f', pv, check=False)
    _run('losetup', '--detach', pv, check=False)
    os.unlink(backing)


@pytest.fixture(scope='module')
def backend(loop_vg, tmp_path_factory):
    vg_name, _pv = loop_vg
    CONF.set_override('state_path', str(tmp_path_factory.mktemp('state')))
    conf = cfg.ConfigOpts()
    conf.register_opts(volume_opts.backend_opts, group='lvm-e2e')
    conf([], default_config_files=[])
    conf.set_override('volume_driver', 'lvm', 'lvm-e2e')
    conf.set_override('volume_group', vg_name, 'lvm-e2e')
    conf.set_override('target_protocol', 'nbd', 'lvm-e2e')
    conf.set_override('target_port', _free_port(), 'lvm-e2e')
    drv = lvm_driver.LVMVolumeDriver('lvm-e2e', conf['lvm-e2e'])
    drv.do_setup()
    drv.check_for_setup_error()
    yield drv
    print('\ntimings on this machine:')
    for label, seconds in TIMINGS:
        print('  %-32s %7.3f s' % (label, seconds))
    if drv.remote_target is not None:
        drv.remote_target.stop()
    CONF.clear_override('state_path')


def timed(label, fn, *args):
    started = time.monotonic()
    result = fn(*args)
    TIMINGS.append((label, time.monotonic() - started))
    return result


def show_lvs(step, vg_name):
    out = _lvm('lvs', '-o', 'lv_name,lv_size,lv_attr,seg_pe_ranges',
               '--units', 'm', vg_name)
    print('\n--- lvs after: %s ---\n%s' % (step, out.rstrip()))
    return out


def _vol(size=1):
    vid = str(uuid.uuid4())
    return {'id': vid, 'name': 'volume-%s' % vid, 'size': size}


def _snap(size=1):
    sid = str(uuid.uuid4())
    return {'id': sid, 'name': 'snapshot-%s' % sid, 'volume_size': size}


OFFSETS = (0, 4096, 300 << 20, GiB - 512)


def write_pattern(device, tag):
    fd = os.open(device, os.O_WRONLY)
    try:
        for offset in OFFSETS:
            os.pwrite(fd, _pattern(tag, offset), offset)
        os.fsync(fd)
    finally:
        os.close(fd)


def _pattern(tag, offset):
    return ('%s@%012d;' % (tag, offset)).encode().ljust(512, b'#')


def read_pattern(device, tag):
    fd = os.open(device, os.O_RDONLY)
    try:
        return all(os.pread(fd, 512, o) == _pattern(tag, o) for o in OFFSETS)
    finally:
        os.close(fd)


def _dev_size(device):
    fd = os.open(device, os.O_RDONLY)
    try:
        return os.lseek(fd, 0, os.SEEK_END)
    finally:
        os.close(fd)


def test_lvm_backend_end_to_end(backend, loop_vg, tmp_path):
    drv, (vg_name, pv) = backend, loop_vg
    print('\ndata path: %s' % drv.data.description % {'vg': vg_name})
    stats = drv.get_volume_stats(refresh=True)
    pool = stats['pools'][0]
    assert pool['pool_name'] == 'lvm-e2e'
    assert 11.9 < pool['total_capacity_gb'] <= 12.0
    assert pool['free_capacity_gb'] == pool['total_capacity_gb']
    assert stats['storage_protocol'] == 'nbd'

    # create, twice (idempotent), and write through the data path
    v1 = _vol()
    timed('create 1 GiB', drv.create_volume, v1)
    drv.create_volume(v1)
    dev1 = drv.local_path(v1)
    assert _dev_size(dev1) == GiB
    write_pattern(dev1, 'BEFORE')
    assert 'volume-%s' % v1['id'] in show_lvs('create', vg_name)

    # snapshot, then change the volume: the snapshot keeps the old bytes
    s1 = _snap()
    timed('snapshot 1 GiB', drv.create_snapshot, s1, v1)
    write_pattern(dev1, 'AFTER')
    assert '_snapshot-%s' % s1['id'] in show_lvs('snapshot', vg_name)

    # a bigger volume from the snapshot; a clone of the changed volume
    v2 = _vol(2)
    timed('volume from snapshot (2 GiB)', drv.create_volume_from_snapshot,
          v2, s1)
    assert read_pattern(drv.local_path(v2), 'BEFORE')
    assert _dev_size(drv.local_path(v2)) == 2 * GiB
    v3 = _vol()
    timed('clone 1 GiB', drv.create_cloned_volume, v3, v1)
    assert read_pattern(drv.local_path(v3), 'AFTER')
    show_lvs('volume from snapshot, clone', vg_name)

    # from an image: a qcow2 file made from a raw one holding the pattern
    raw = tmp_path / 'image.raw'
    with open(raw, 'wb') as f:
        f.truncate(GiB)
    write_pattern(str(raw), 'IMAGE')
    qcow2 = tmp_path / 'image.qcow2'
    _run('qemu-img', 'convert', '-f', 'raw', '-O', 'qcow2', str(raw),
         str(qcow2))
    v4 = _vol()
    drv.create_volume(v4)
    timed('image (qcow2) into 1 GiB', drv.copy_image_to_volume, v4,
          str(qcow2), 'qcow2')
    assert read_pattern(drv.local_path(v4), 'IMAGE')
    too_small = _vol()
    with pytest.raises(exception.ImageUnacceptable):
        big = tmp_path / 'big.qcow2'
        _run('qemu-img', 'create', '-f', 'qcow2', str(big), '3G')
        drv.create_volume(too_small)
        drv.copy_image_to_volume(too_small, str(big), 'qcow2')
    drv.delete_volume(too_small)
    show_lvs('create from image', vg_name)

    # extend: v4 is last (room after it), v1 is followed by its snapshot
    timed('extend in place 1->2 GiB', drv.extend_volume, v4, 2)
    timed('extend by moving 1->3 GiB', drv.extend_volume, v1, 3)
    drv.extend_volume(v1, 3)                       # again: no-op
    for vol, tag, size in ((v4, 'IMAGE', 2), (v1, 'AFTER', 3)):
        dev = drv.local_path(vol)
        assert _dev_size(dev) == size * GiB
        assert read_pattern(dev, tag)
    out = show_lvs('extend', vg_name)
    assert '.grow' not in out and '.old' not in out

    # a guest on this host gets the block device itself
    local = drv.initialize_connection(v1, {'host': CONF.host})
    assert local == {'driver_volume_type': 'local',
                     'data': {'device_path': drv.local_path(v1),
                              'volume_id': v1['id']}}
    # a restarted driver finds the same data path again
    again = lvm_driver.LVMVolumeDriver('lvm-e2e', drv.configuration)
    again.do_setup()
    assert again.local_path(v1) == drv.local_path(v1)

    # a volume held open cannot be deleted; once closed it can
    if not drv.activation:
        fd = os.open(drv.local_path(v3), os.O_RDONLY)
        try:
            with pytest.raises(exception.VolumeDeviceBusy):
                drv.delete_volume(v3)
        finally:
            os.close(fd)

    # delete wipes (volume_clear = zero) and removes; twice is a no-op
    stats = drv.get_volume_stats(refresh=True)['pools'][0]
    assert stats['total_volumes'] == 5
    assert stats['provisioned_capacity_gb'] == 9     # 3 + 1 + 2 + 1 + 2
    assert stats['free_capacity_gb'] == stats['total_capacity_gb'] - 9
    pv_range = drv.vg.extent_range(v2['name']) if not drv.activation else None
    timed('delete 2 GiB (zero wipe)', drv.delete_volume, v2)
    if pv_range:
        fd = os.open(pv, os.O_RDONLY)
        try:
            assert os.pread(fd, 512, pv_range[1]) == bytes(512)
        finally:
            os.close(fd)
    timed('delete snapshot 1 GiB', drv.delete_snapshot, s1, v1)
    for vol in (v1, v3, v4):
        drv.delete_volume(vol)
    drv.delete_volume(v1)
    drv.delete_snapshot(s1, v1)
    out = show_lvs('delete', vg_name)
    assert 'volume-' not in out and '_snapshot-' not in out
    left = [line for line in _run('losetup', '--list', '--noheadings', '-O',
                                  'NAME,BACK-FILE').splitlines()
            if line.split()[-1] == pv]
    assert left == []
    pool = drv.get_volume_stats(refresh=True)['pools'][0]
    assert pool['free_capacity_gb'] == pool['total_capacity_gb']


def test_revert_to_snapshot_restores_the_bytes(backend):
    """Revert (3.40) on real LVM: the volume reads the snapshot's bytes
    again, and the snapshot is still there and unchanged."""
    drv = backend
    vol, snap = _vol(), _snap()
    drv.create_volume(vol)
    write_pattern(drv.local_path(vol), 'BEFORE')
    drv.create_snapshot(snap, vol)
    write_pattern(drv.local_path(vol), 'AFTER')
    timed('revert 1 GiB to its snapshot', drv.revert_to_snapshot, vol, snap)
    assert read_pattern(drv.local_path(vol), 'BEFORE')
    twin = _vol()
    drv.create_volume_from_snapshot(twin, snap)
    assert read_pattern(drv.local_path(twin), 'BEFORE')
    for gone in (twin, vol):
        if gone is vol:
            drv.delete_snapshot(snap, vol)
        drv.delete_volume(gone)


@pytest.mark.skipif(shutil.which('qemu-storage-daemon') is None,
                    reason='no qemu-storage-daemon (apt-get install '
                           'qemu-system-common): no NBD target')
def test_nbd_export_serves_the_volume_to_another_host(backend, tmp_path):
    drv = backend
    vol = _vol()
    drv.create_volume(vol)
    write_pattern(drv.local_path(vol), 'NBD')
    remote = timed('NBD export', drv.initialize_connection, vol,
                   {'host': 'elsewhere'})
    print('\nNBD connection info: %s' % remote)
    assert remote['driver_volume_type'] == 'nbd'
    assert remote['data']['name'] == vol['name']
    copy = tmp_path / 'over-nbd.raw'
    _run('qemu-img', 'convert', '-f', 'raw', '-O', 'raw',
         remote['data']['uri'], str(copy))
    assert read_pattern(str(copy), 'NBD')
    # writes over NBD land in the volume
    fd = os.open(str(copy), os.O_RDWR)
    os.pwrite(fd, _pattern('VIA-NBD', 0), 0)
    os.close(fd)
    _run('qemu-img', 'convert', '-n', '-f', 'raw', '-O', 'raw', str(copy),
         remote['data']['uri'])
    fd = os.open(drv.local_path(vol), os.O_RDONLY | os.O_DIRECT)
    try:
        import mmap
        buf = mmap.mmap(-1, 4096)
        os.preadv(fd, [buf], 0)
        assert bytes(buf[:512]) == _pattern('VIA-NBD', 0)
    finally:
        os.close(fd)
    timed('NBD unexport', drv.terminate_connection, vol,
          {'host': 'elsewhere'})
    assert subprocess.run(['qemu-img', 'info', remote['data']['uri']],
                          capture_output=True).returncode != 0
    drv.delete_volume(vol)
