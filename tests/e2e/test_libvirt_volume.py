"""Volumes on real guests: an LVM backend on a loop device (this machine's
data path: device-mapper or loop-mapped LVs), the libvirt driver with QEMU
(TCG here), and the unchanged `openstack` CLI. A guest booted from the
test image sees a volume appear (`server add volume`) and go (`server
remove volume`) in its own /proc/partitions, which it prints to the
console whenever a disk comes or goes; a second guest boots from a volume
made from the test image (the LV is its vda, no local disk) and its volume
goes with it (delete_on_termination).

Needs root, a running libvirtd, QEMU and lvm2; skips otherwise. Every
domain, LV, loop device and file goes afterwards, even on failure. Run
with -s for the timings.
"""
import os
import re
import time

import pytest

from support import guest_e2e
from support import lvm_group
from support import libvirt_cloud

BANNER = guest_e2e.BANNER
BACKEND = 'lvmdriver-1'
TIMINGS = []


@pytest.fixture(scope='module')
def test_image():
    return guest_e2e.test_image_or_skip()


@pytest.fixture(scope='module')
def volume_group(test_image):
    """A VG on a sparse file's loop device; everything on it goes after."""
    with lvm_group.volume_group(4, prefix='stratus-e2e-vol') as name:
        yield name


@pytest.fixture(scope='module')
def cloud(test_image, volume_group):
    def started(c):
        c.disk_image = libvirt_cloud.upload_test_image(c, test_image, 'e2ev')
    try:
        with guest_e2e.lvm_cloud('e2ev', lambda c: guest_e2e.lvm_backend(
                c, BACKEND, volume_group), started) as c:
            yield c
    finally:
        print('\ntimings on this machine:')
        for label, seconds in TIMINGS:
            print('  %-44s %6.2f s' % (label, seconds))


_console = guest_e2e.console
_wait_console = guest_e2e.wait_console
_volume = guest_e2e.volume
_wait_volume = guest_e2e.wait_volume
_disks_of = guest_e2e.disks_of


def _lvs(volume_group):
    return lvm_group.lvm('lvs', '--noheadings', '-o', 'lv_name', volume_group)


def test_attach_and_detach_seen_by_the_guest(cloud, volume_group):
    server = cloud.cli_json('server', 'create', '--flavor', 'e2ev.small',
                            '--image', 'e2ev-disk', 'e2ev-vm1')
    sid = server['id']
    cloud.rest.wait_server(sid, 'ACTIVE', timeout=120)
    text, seen = _wait_console(cloud, sid, BANNER)
    assert not re.search(r'\bvdb\b', text)
    volume = cloud.cli_json('volume', 'create', '--size', '1', 'e2ev-data')
    vid = volume['id']
    _wait_volume(cloud, vid, 'available')
    assert 'volume-%s' % vid in _lvs(volume_group)

    started = time.monotonic()
    cloud.cli('server', 'add', 'volume', sid, vid)
    cli_done = time.monotonic()
    text, seen = _wait_console(cloud, sid, r'=== disk vdb: add ===\s+'
                               r'major minor\s+#blocks\s+name[^=]*'
                               r'\b1048576 vdb\b', since=seen)
    TIMINGS.append(('attach: CLI returned', cli_done - started))
    TIMINGS.append(('attach: vdb in the guest', time.monotonic() - started))
    volume = _wait_volume(cloud, vid, 'in-use')
    assert volume['attachments'][0]['device'] == '/dev/vdb'
    assert volume['attachments'][0]['server_id'] == sid
    # The guest's vdb is the LV's block device.
    disks = dict(_disks_of(cloud, sid))
    device = disks['vdb']
    assert device.startswith(('/dev/loop', '/dev/%s/' % volume_group,
                              '/dev/mapper/'))
    [listed] = cloud.cli_json('server', 'volume', 'list', sid)
    assert listed['Volume ID'] == vid

    started = time.monotonic()
    cloud.cli('server', 'remove', 'volume', sid, vid)
    cli_done = time.monotonic()
    _wait_console(cloud, sid, r'=== disk vdb: remove ===', since=seen)
    TIMINGS.append(('detach: CLI returned', cli_done - started))
    TIMINGS.append(('detach: vdb gone in the guest',
                    time.monotonic() - started))
    volume = _wait_volume(cloud, vid, 'available')
    assert volume['attachments'] == []
    assert 'vdb' not in dict(_disks_of(cloud, sid))
    cloud.cli('server', 'delete', '--wait', sid)
    cloud.cli('volume', 'delete', vid)
    _wait_volume(cloud, vid, 'DELETED')
    assert 'volume-%s' % vid not in _lvs(volume_group)


def test_boot_from_a_volume_made_from_the_image(cloud, volume_group):
    started = time.monotonic()
    server = cloud.cli_json(
        'server', 'create', '--flavor', 'e2ev.small', '--block-device',
        'source_type=image,uuid=%s,destination_type=volume,volume_size=1,'
        'boot_index=0,delete_on_termination=true' % cloud.disk_image['id'],
        'e2ev-bfv')
    sid = server['id']
    shown = cloud.rest.wait_server(sid, 'ACTIVE', timeout=120)
    TIMINGS.append(('boot from volume: ACTIVE', time.monotonic() - started))
    # The volume's first sector is the image's boot counter: this disk.
    _wait_console(cloud, sid, r'disk vda: STRATUS-TEST-DISK boots=1\b')
    _wait_console(cloud, sid, BANNER)
    TIMINGS.append(('boot from volume: banner', time.monotonic() - started))
    [vid] = [v['id'] for v in shown['os-extended-volumes:volumes_attached']]
    assert _volume(cloud, vid)['attachments'][0]['device'] == '/dev/vda'
    disks = dict(_disks_of(cloud, sid))
    assert not disks['vda'].endswith('/disk')      # the LV, no overlay
    host = shown['OS-EXT-SRV-ATTR:host']
    assert not os.path.exists(os.path.join(cloud.instances[host], sid,
                                           'disk'))
    cloud.cli('server', 'delete', '--wait', sid)
    _wait_volume(cloud, vid, 'DELETED')
    assert 'volume-%s' % vid not in _lvs(volume_group)
