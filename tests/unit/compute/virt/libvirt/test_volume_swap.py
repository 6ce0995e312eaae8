"""The libvirt driver's volume swap against a recording domain (the test
driver has no block jobs): a running guest mirrors its disk with a block
copy job (reuse the new volume, transient job), pivots once in sync and
its definition then names the new volume; a failed or stalled job is
cancelled (the guest keeps the old volume); a stopped guest is copied
with qemu-img and repointed."""
from xml.etree import ElementTree as ET

import pytest

from stratus.compute.virt import driver as driver_api
from stratus.compute.virt.libvirt import guest as guest_mod
from stratus.compute.virt.libvirt import volume_swap

libvirt = pytest.importorskip('libvirt')
OLD = {'driver_volume_type': 'local',
       'data': {'device_path': '/dev/loop7', 'volume_id': 'vol-1'}}
NEW = {'driver_volume_type': 'nbd',
       'data': {'name': 'volume-vol-2', 'hosts': ['192.0.2.5'],
                'ports': ['10809'], 'volume_id': 'vol-2',
                'uri': 'nbd://192.0.2.5:10809/volume-vol-2'}}
CONFIG = libvirt.VIR_DOMAIN_AFFECT_CONFIG


class JobDomain:
    """virDomain's block job calls and device edits of the persistent
    definition; `progress` lists what blockJobInfo answers in turn."""

    def __init__(self, active=True, progress=None):
        self.active = active
        self.progress = list(progress or [])
        self.calls = []
        self.config = (
            "<domain type='qemu'><name>instance-1</name><uuid>u-1</uuid>"
            "<devices><disk type='block' device='disk'><source "
            "dev='/dev/loop7'/><target dev='vdb' bus='virtio'/></disk>"
            "</devices></domain>")

    def UUIDString(self):
        return 'u-1'

    def name(self):
        return 'instance-1'

    def isActive(self):
        return self.active

    def XMLDesc(self, flags):
        return self.config

    def blockCopy(self, disk, destxml, params, flags):
        self.calls.append(('blockCopy', disk, flags,
                           ET.fromstring(destxml).find('source').get(
                               'protocol')))

    def blockJobInfo(self, disk, flags):
        return self.progress.pop(0) if self.progress else {}

    def blockJobAbort(self, disk, flags):
        self.calls.append(('blockJobAbort', disk, flags))

    def detachDeviceFlags(self, device_xml, flags):
        self.calls.append(('detach', flags))
        root = ET.fromstring(self.config)
        devices = root.find('devices')
        for disk in devices.findall('disk'):
            devices.remove(disk)
        self.config = ET.tostring(root, encoding='unicode')

    def attachDeviceFlags(self, device_xml, flags):
        self.calls.append(('attach', flags))
        root = ET.fromstring(self.config)
        root.find('devices').append(ET.fromstring(device_xml))
        self.config = ET.tostring(root, encoding='unicode')


def _source(domain):
    disk = ET.fromstring(domain.config).find('devices/disk')
    return disk.find('source').attrib


@pytest.fixture(autouse=True)
def fast(monkeypatch):
    monkeypatch.setattr(volume_swap, 'POLL', 0)


def test_running_guest_mirrors_then_pivots():
    domain = JobDomain(progress=[
        {'cur': 3, 'end': 10},          # a job left by an earlier attempt
        {'cur': 0, 'end': 0}, {'cur': 5, 'end': 10}, {'cur': 10, 'end': 10},
        {'cur': 10, 'end': 10}, {}])
    volume_swap.swap(guest_mod.Guest(domain), OLD, NEW, '/dev/vdb')
    flags = (libvirt.VIR_DOMAIN_BLOCK_COPY_REUSE_EXT |
             libvirt.VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB)
    assert domain.calls == [
        ('blockJobAbort', 'vdb', 0),
        ('blockCopy', 'vdb', flags, 'nbd'),
        ('blockJobAbort', 'vdb', libvirt.VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT),
        ('detach', CONFIG), ('attach', CONFIG)]
    assert _source(domain) == {'protocol': 'nbd', 'name': 'volume-vol-2'}


@pytest.mark.parametrize('progress,timeout,message', [
    ([{}, {'cur': 1, 'end': 10}, {}], 60, 'stopped'),
    ([{}] + [{'cur': 1, 'end': 10}] * 50, 0, 'did not finish'),
])
def test_a_failed_copy_is_cancelled(progress, timeout, message):
    domain = JobDomain(progress=progress)
    with pytest.raises(driver_api.DriverError, match=message):
        volume_swap.swap(guest_mod.Guest(domain), OLD, NEW, '/dev/vdb',
                         timeout=timeout)
    assert domain.calls[-1] == ('blockJobAbort', 'vdb', 0)
    assert ('blockJobAbort', 'vdb',
            libvirt.VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT) not in domain.calls
    assert _source(domain) == {'dev': '/dev/loop7'}


def test_stopped_guest_is_copied_with_qemu_img(monkeypatch):
    commands = []
    monkeypatch.setattr(volume_swap.disks, 'execute',
                        lambda *cmd, timeout=None: commands.append(cmd))
    domain = JobDomain(active=False)
    volume_swap.swap(guest_mod.Guest(domain), OLD, NEW, '/dev/vdb')
    assert commands == [('qemu-img', 'convert', '-n', '-f', 'raw', '-O',
                         'raw', '/dev/loop7',
                         'nbd://192.0.2.5:10809/volume-vol-2')]
    assert domain.calls == [('detach', CONFIG), ('attach', CONFIG)]
    assert _source(domain) == {'protocol': 'nbd', 'name': 'volume-vol-2'}


def test_qemu_url_of_each_connection():
    assert volume_swap.qemu_url(OLD) == '/dev/loop7'
    nbd = {'driver_volume_type': 'nbd', 'data': {
        'name': 'v', 'hosts': ['h'], 'ports': ['1']}}
    assert volume_swap.qemu_url(nbd) == 'nbd://h:1/v'
    with pytest.raises(driver_api.DriverError):
        volume_swap.qemu_url({'driver_volume_type': 'iscsi', 'data': {}})
