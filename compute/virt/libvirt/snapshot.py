"""Snapshot: the root disk flattened into one qcow2 (its overlay and the
cached image below it) and streamed into the file the flow uploads.

Live, a running guest is paused only while its overlay is copied (pausing
makes qemu flush it, so the copy is consistent; the cached base never
changes); the slow flatten then runs on the copy while the guest runs.
The pause lasts as long as copying what the guest wrote: milliseconds for
the test image."""
import os
import shutil
import time

from stratus.common import log
from stratus.compute import states
from stratus.compute.virt.libvirt import disks

LOG = log.getLogger(__name__)
CHUNK = 1024 * 1024


def snapshot(drv, instance, write_to):
    uuid = instance['uuid']
    guest = drv.libvirt.get(uuid)
    disk = drv.disk_path(uuid)
    directory = drv.instance_dir(uuid)
    copy = os.path.join(directory, 'disk.snapshot-copy')
    flat = os.path.join(directory, 'disk.snapshot-flat')
    source = disk
    try:
        if guest.is_active():
            running = guest.power_state() == states.RUNNING
            started = time.monotonic()
            if running:
                guest.pause()
            try:
                disks.copy_sparse(disk, copy)
            finally:
                if running:
                    guest.unpause()
            LOG.info('Guest paused %.3fs for the snapshot copy',
                     time.monotonic() - started, instance=instance)
            source = copy
        disks.flatten(source, flat)
        with open(flat, 'rb') as f:
            shutil.copyfileobj(f, write_to, CHUNK)
    finally:
        disks.remove_quietly(copy)
        disks.remove_quietly(flat)
    return 'qcow2'
