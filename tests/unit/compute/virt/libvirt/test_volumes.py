"""Volumes in the libvirt driver: the <disk> of each connection type,
booting from a volume and spawning with volumes on libvirt's test driver
(test:///default), and attach/detach against a recording domain (the
test driver has no device attach): live and persistent while running,
persistent only when off, waiting until the guest lets go."""
from xml.etree import ElementTree as ET

import pytest

from stratus.compute import states
from stratus.compute.virt import driver as driver_api
from stratus.compute.virt.libvirt import guest as guest_mod
from stratus.compute.virt.libvirt import volumes
from stratus.compute.virt.libvirt import xml

libvirt = pytest.importorskip('libvirt')
CTXT = {'auth_token': 'token', 'request_id': 'req-test'}
LOCAL = {'driver_volume_type': 'local',
         'data': {'device_path': '/dev/loop7', 'volume_id': 'vol-1',
                  'access_mode': 'rw'}}
NBD = {'driver_volume_type': 'nbd',
       'data': {'name': 'volume-vol-2', 'hosts': ['192.0.2.5'],
                'ports': ['10809'], 'volume_id': 'vol-2'}}


def test_local_volume_is_a_block_disk():
    element = ET.fromstring(volumes.disk(LOCAL, 'vdb').to_xml())
    assert (element.get('type'), element.get('device')) == ('block', 'disk')
    assert element.find('source').get('dev') == '/dev/loop7'
    assert element.find('target').attrib == {'dev': 'vdb', 'bus': 'virtio'}
    assert element.find('driver').attrib == {'name': 'qemu', 'type': 'raw',
                                             'cache': 'none'}
    assert element.find('serial').text == 'vol-1'
    assert element.find('readonly') is None


def test_nbd_volume_is_a_network_disk():
    element = ET.fromstring(volumes.disk(NBD, 'vdc').to_xml())
    assert element.get('type') == 'network'
    source = element.find('source')
    assert (source.get('protocol'), source.get('name')) == (
        'nbd', 'volume-vol-2')
    assert source.find('host').attrib == {'name': '192.0.2.5',
                                          'port': '10809'}
    assert element.find('target').get('dev') == 'vdc'


def test_read_only_and_unknown_types():
    ro = {'driver_volume_type': 'local',
          'data': {'device_path': '/dev/x', 'access_mode': 'ro'}}
    assert ET.fromstring(volumes.disk(ro, 'vdb').to_xml()).find(
        'readonly') is not None
    with pytest.raises(driver_api.DriverError, match='iscsi'):
        volumes.disk({'driver_volume_type': 'iscsi', 'data': {}}, 'vdb')
    with pytest.raises(driver_api.DriverError):
        volumes.target_dev('/dev/sdb')


def test_connector_names_host_and_machine(drv, spawned):
    connector = drv.get_volume_connector(spawned)
    assert connector['host'] == 'host-a'
    assert {'hostname', 'ip', 'initiator', 'platform', 'os_type',
            'multipath'} <= set(connector)


def _disks(domain_xml):
    return {t: ET.fromstring(d) for t, d in
            xml.disk_targets(domain_xml).items()}


def test_boot_from_volume_has_no_local_disk(drv, new_instance, images):
    instance = new_instance(image_ref='')
    drv.spawn(CTXT, instance, {'id': 'kimg', 'properties': {
        'kernel_id': 'kern', 'ramdisk_id': 'ramd'}}, block_devices=[
        {'device_name': '/dev/vda', 'boot_index': 0, 'volume_id': 'vol-1',
         'connection_info': LOCAL},
        {'device_name': '/dev/vdb', 'boot_index': None,
         'volume_id': 'vol-2', 'connection_info': NBD}])
    assert drv.get_power_state(instance) == states.RUNNING
    text = drv.libvirt.get(instance['uuid']).xml_desc()
    disks = _disks(text)
    assert disks['vda'].find('source').get('dev') == '/dev/loop7'
    assert disks['vdb'].find('source').get('name') == 'volume-vol-2'
    assert '<kernel>%s</kernel>' % drv.cache.path('kern') in text
    # Only the kernel and ramdisk were fetched: no image disk, no overlay.
    assert sorted(images.downloads) == ['kern', 'ramd']
    import os
    assert not os.path.exists(drv.disk_path(instance['uuid']))


def test_image_boot_with_volumes_keeps_the_overlay_first(drv, new_instance):
    instance = new_instance()
    drv.spawn(CTXT, instance, {'id': 'img', 'properties': {}},
              block_devices=[{'device_name': '/dev/vdb', 'boot_index': None,
                              'volume_id': 'vol-1',
                              'connection_info': LOCAL}])
    disks = _disks(drv.libvirt.get(instance['uuid']).xml_desc())
    assert disks['vda'].find('source').get('file') == \
        drv.disk_path(instance['uuid'])
    assert disks['vdb'].get('type') == 'block'


# --- attach / detach against a recording domain ------------------------------
class RecordingDomain:
    """The few virDomain calls attach/detach make, over two XML documents
    (live and persistent); `releases` says whether a running guest lets go
    of a device it is asked to unplug."""

    def __init__(self, active=True, releases=True):
        self.active = active
        self.releases = releases
        base = ("<domain type='qemu'><name>instance-1</name><uuid>u-1"
                "</uuid><devices><disk type='file' device='disk'><source "
                "file='/d'/><target dev='vda' bus='virtio'/></disk>"
                "</devices></domain>")
        self.docs = {'live': base, 'config': base}
        self.calls = []

    def UUIDString(self):
        return 'u-1'

    def name(self):
        return 'instance-1'

    def isActive(self):
        return self.active

    def state(self):
        return [libvirt.VIR_DOMAIN_RUNNING if self.active
                else libvirt.VIR_DOMAIN_SHUTOFF, 0]

    def hasManagedSaveImage(self, flags):
        return False

    def XMLDesc(self, flags):
        inactive = flags & libvirt.VIR_DOMAIN_XML_INACTIVE
        return self.docs['config' if inactive or not self.active
                         else 'live']

    def _edit(self, which, change):
        root = ET.fromstring(self.docs[which])
        change(root.find('devices'))
        self.docs[which] = ET.tostring(root, encoding='unicode')

    def _targets(self, flags):
        found = []
        if flags & libvirt.VIR_DOMAIN_AFFECT_LIVE:
            found.append('live')
        if flags & libvirt.VIR_DOMAIN_AFFECT_CONFIG:
            found.append('config')
        return found

    def attachDeviceFlags(self, device_xml, flags):
        self.calls.append(('attach', flags))
        for which in self._targets(flags):
            self._edit(which, lambda d: d.append(ET.fromstring(device_xml)))

    def detachDeviceFlags(self, device_xml, flags):
        self.calls.append(('detach', flags))
        target = ET.fromstring(device_xml).find('target').get('dev')

        def drop(devices):
            for disk in devices.findall('disk'):
                if disk.find('target').get('dev') == target:
                    devices.remove(disk)
        for which in self._targets(flags):
            if which == 'live' and not self.releases:
                continue
            self._edit(which, drop)


LIVE_CONFIG = libvirt.VIR_DOMAIN_AFFECT_LIVE | \
    libvirt.VIR_DOMAIN_AFFECT_CONFIG


def test_attach_to_a_running_guest_is_live_and_persistent():
    domain = RecordingDomain()
    guest = guest_mod.Guest(domain)
    assert volumes.attach(guest, LOCAL, '/dev/vdb') is True
    assert domain.calls == [('attach', LIVE_CONFIG)]
    for which in ('live', 'config'):
        assert _disks(domain.docs[which])['vdb'].find('source').get(
            'dev') == '/dev/loop7'
    # Again (a retried task): nothing to do.
    assert volumes.attach(guest, LOCAL, '/dev/vdb') is False
    assert len(domain.calls) == 1
    with pytest.raises(driver_api.DriverError, match='in use'):
        volumes.attach(guest, NBD, '/dev/vdb')


def test_attach_to_a_stopped_guest_is_persistent_only():
    domain = RecordingDomain(active=False)
    assert volumes.attach(guest_mod.Guest(domain), NBD, '/dev/vdc') is False
    assert domain.calls == [('attach', libvirt.VIR_DOMAIN_AFFECT_CONFIG)]
    assert 'vdc' in _disks(domain.docs['config'])


def test_detach_from_a_running_guest_waits_until_gone():
    domain = RecordingDomain()
    guest = guest_mod.Guest(domain)
    volumes.attach(guest, LOCAL, '/dev/vdb')
    assert volumes.detach(guest, '/dev/vdb') is True
    assert domain.calls[1:] == [
        ('detach', libvirt.VIR_DOMAIN_AFFECT_LIVE),
        ('detach', libvirt.VIR_DOMAIN_AFFECT_CONFIG)]
    assert 'vdb' not in _disks(domain.docs['live'])
    assert 'vdb' not in _disks(domain.docs['config'])
    # Not there any more: nothing to do.
    assert volumes.detach(guest, '/dev/vdb') is False


def test_detach_from_a_stopped_guest_edits_the_definition():
    domain = RecordingDomain(active=False)
    guest = guest_mod.Guest(domain)
    volumes.attach(guest, LOCAL, '/dev/vdb')
    assert volumes.detach(guest, '/dev/vdb') is False
    assert domain.calls[-1] == ('detach', libvirt.VIR_DOMAIN_AFFECT_CONFIG)
    assert 'vdb' not in _disks(domain.docs['config'])


def test_a_guest_that_keeps_the_device_is_an_error():
    domain = RecordingDomain(releases=False)
    guest = guest_mod.Guest(domain)
    volumes.attach(guest, LOCAL, '/dev/vdb')
    with pytest.raises(driver_api.DriverError, match='did not release'):
        volumes.detach(guest, '/dev/vdb', timeout=0.2)


def test_driver_detach_of_a_missing_guest_is_fine(drv, new_instance):
    drv.detach_volume(new_instance(), LOCAL, '/dev/vdb')
