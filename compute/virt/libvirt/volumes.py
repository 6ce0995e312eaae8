"""Volumes as libvirt disks: the <disk> of each connection type the volume
service answers ('local': the block device on this host; 'nbd': a
network disk on the backend's NBD export), this host's connector, and
plugging them into a guest (live and persistent when it runs, persistent
only when it is off) and out again, waiting until a running guest has
let go of the device."""
import os
import socket
import time

from stratus.common import log
from stratus.compute.virt import driver
from stratus.compute.virt.libvirt import xml

LOG = log.getLogger(__name__)
# A running guest releases an unplugged disk when its kernel has handled
# the ACPI eject; libvirt only asks for it.
DETACH_TIMEOUT = 30.0


def target_dev(mountpoint):
    """'/dev/vdb' -> 'vdb'."""
    name = os.path.basename(mountpoint or '')
    if not name.startswith('vd'):
        raise driver.DriverError(reason='cannot map %r to a virtio disk'
                                 % mountpoint)
    return name


def disk(connection_info, target):
    """The xml.Disk of a volume at `target` ('vdb')."""
    kind = connection_info.get('driver_volume_type')
    data = connection_info.get('data') or {}
    readonly = data.get('access_mode') == 'ro'
    serial = data.get('volume_id')
    if kind == 'local':
        if not data.get('device_path'):
            raise driver.DriverError(reason='local volume without a '
                                            'device_path')
        return xml.Disk(source=data['device_path'], target=target,
                        driver_type='raw', cache='none', source_type='block',
                        readonly=readonly, serial=serial)
    if kind == 'nbd':
        hosts = list(zip(data.get('hosts') or (), data.get('ports') or ()))
        if not data.get('name') or not hosts:
            raise driver.DriverError(reason='nbd volume without an export '
                                            'name and host')
        return xml.Disk(source=data['name'], target=target, driver_type='raw',
                        cache='none', source_type='network', protocol='nbd',
                        hosts=hosts, readonly=readonly, serial=serial)
    raise driver.DriverError(reason='volume connection type %r is not '
                                    'supported by the libvirt driver' % kind)


def connector(host, ip):
    """What the volume service needs to export to this host: `host` is
    the stratus compute host, `hostname` the machine (a backend on the
    same machine answers its local block device)."""
    return {'host': host, 'hostname': socket.gethostname(), 'ip': ip,
            'initiator': None, 'platform': os.uname().machine,
            'os_type': 'linux', 'multipath': False}


def attach(guest, connection_info, mountpoint):
    target = target_dev(mountpoint)
    present = xml.disk_targets(guest.xml_desc(inactive=True))
    wanted = disk(connection_info, target)
    if target in present:
        # A retried attach: the same volume is already there.
        if _same_source(present[target], wanted):
            return False
        raise driver.DriverError(reason='%s is in use in %s'
                                 % (mountpoint, guest.name))
    return guest.attach_device(wanted.to_xml())


def _same_source(disk_xml, wanted):
    return ("'%s'" % wanted.source in disk_xml or
            '"%s"' % wanted.source in disk_xml)


def detach(guest, mountpoint, timeout=DETACH_TIMEOUT):
    """Unplug the disk at `mountpoint` (one that is not there is fine);
    a running guest is watched until its device is gone."""
    target = target_dev(mountpoint)
    persistent = xml.disk_targets(guest.xml_desc(inactive=True)).get(target)
    live = None
    if guest.is_active():
        live = xml.disk_targets(guest.xml_desc()).get(target)
    if persistent is None and live is None:
        return False
    asked = guest.detach_device(persistent, live)
    if asked:
        _wait_gone(guest, target, timeout)
    return asked


def _wait_gone(guest, target, timeout, interval=0.1):
    from stratus.compute import states
    if guest.power_state() != states.RUNNING:
        # A paused guest releases the device when it runs again.
        return
    deadline = time.monotonic() + timeout
    while target in xml.disk_targets(guest.xml_desc()):
        if time.monotonic() >= deadline:
            raise driver.DriverError(
                reason='guest %s did not release %s within %ss'
                       % (guest.name, target, timeout))
        time.sleep(interval)


def extend(guest, connection_info, requested_size):
    """A running guest is told its volume's new size (nova's
    extend_volume: virDomainBlockResize in bytes on the volume's disk);
    a stopped one reads it at its next boot."""
    if not guest.is_active():
        return
    present = xml.disk_targets(guest.xml_desc())
    for target, disk_xml in present.items():
        if _same_source(disk_xml, disk(connection_info, target)):
            guest.block_resize(target, requested_size)
            return
    raise driver.DriverError(reason='volume %s is not a disk of %s' % (
        (connection_info.get('data') or {}).get('volume_id'), guest.name))
