"""Swapping a guest's volume for another (nova's libvirt swap_volume,
which a block storage migration of an attached volume asks for): a
running (or paused) guest mirrors its disk onto the new volume with a
libvirt block copy job, which QEMU keeps in sync with the guest's writes
until the pivot switches the disk over; the persistent definition then
names the new volume. A guest that is off has no QEMU to copy with:
qemu-img copies, then the definition is repointed. On failure the guest
keeps the old volume (the job is cancelled, not pivoted)."""
import time

import libvirt

from stratus.common import log
from stratus.compute.virt import driver
from stratus.compute.virt.libvirt import disks
from stratus.compute.virt.libvirt import volumes
from stratus.compute.virt.libvirt import xml

LOG = log.getLogger(__name__)
COPY_TIMEOUT = 3600.0
POLL = 0.2
# What libvirt answers an abort when the disk has no job (any more).
_NO_JOB = (libvirt.VIR_ERR_OPERATION_INVALID, libvirt.VIR_ERR_INVALID_ARG)


def qemu_url(connection_info):
    """What qemu-img opens for a volume: its block device or NBD URI."""
    data = connection_info.get('data') or {}
    kind = connection_info.get('driver_volume_type')
    if kind == 'local' and data.get('device_path'):
        return data['device_path']
    if kind == 'nbd':
        if data.get('uri'):
            return data['uri']
        hosts = list(zip(data.get('hosts') or (), data.get('ports') or ()))
        if hosts and data.get('name'):
            return 'nbd://%s:%s/%s' % (hosts[0][0], hosts[0][1],
                                       data['name'])
    raise driver.DriverError(reason='cannot copy a %r volume' % kind)


def _job(guest, target):
    """The disk's block job ({} when there is none)."""
    return guest._call('blockJobInfo', 'blockJobInfo', target, 0) or {}


def _mirror(guest, target, new_disk, timeout):
    """Block copy onto the new volume, then pivot once it is in sync."""
    flags = (libvirt.VIR_DOMAIN_BLOCK_COPY_REUSE_EXT |
             libvirt.VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB)
    # A job left by an earlier attempt would refuse a new one.
    if _job(guest, target):
        guest._call('blockJobAbort', 'blockJobAbort', target, 0,
                    ignore=_NO_JOB)
    guest._call('blockCopy', 'blockCopy', target, new_disk.to_xml(), {},
                flags)
    deadline = time.monotonic() + timeout
    try:
        while True:
            job = _job(guest, target)
            if not job:
                raise driver.DriverError(
                    reason='the copy of %s onto the new volume stopped'
                           % target)
            if job.get('end') and job.get('cur') == job.get('end'):
                break
            if time.monotonic() > deadline:
                raise driver.DriverError(
                    reason='the copy of %s did not finish within %ss'
                           % (target, timeout))
            time.sleep(POLL)
        guest._call('blockJobAbort', 'blockJobAbort', target,
                    libvirt.VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT)
    except Exception:
        LOG.warning('Cancelling the copy of %s; the guest keeps its old '
                    'volume', target)
        guest._call('blockJobAbort', 'blockJobAbort', target, 0,
                    ignore=_NO_JOB)
        raise
    # The pivot ends asynchronously (libvirt): wait until the job is gone.
    while _job(guest, target):
        if time.monotonic() > deadline:
            raise driver.DriverError(reason='the pivot of %s did not end'
                                     % target)
        time.sleep(POLL)


def _repoint_definition(guest, target, new_disk):
    """The persistent definition names the new volume at `target`."""
    persistent = xml.disk_targets(guest.xml_desc(inactive=True)).get(target)
    if persistent is not None:
        guest._call('detachDeviceFlags', 'detachDeviceFlags', persistent,
                    libvirt.VIR_DOMAIN_AFFECT_CONFIG)
    guest._call('attachDeviceFlags', 'attachDeviceFlags', new_disk.to_xml(),
                libvirt.VIR_DOMAIN_AFFECT_CONFIG)


def swap(guest, old_connection_info, new_connection_info, mountpoint,
         timeout=COPY_TIMEOUT):
    target = volumes.target_dev(mountpoint)
    new_disk = volumes.disk(new_connection_info, target)
    if guest.is_active():
        _mirror(guest, target, new_disk, timeout)
    else:
        disks.execute('qemu-img', 'convert', '-n', '-f', 'raw', '-O', 'raw',
                      qemu_url(old_connection_info),
                      qemu_url(new_connection_info), timeout=timeout)
    _repoint_definition(guest, target, new_disk)
