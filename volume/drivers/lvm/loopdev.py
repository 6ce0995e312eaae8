"""Loop devices as the data path of LVs on a kernel without device-mapper.

An LV that LVM cannot activate is still a byte range of its PV; a loop
device with --offset/--sizelimit over the PV is exactly that LV's block
device. Mappings are found again by (backing device, offset) after a
restart, so this keeps no state of its own.
"""
import json
import os
import threading
import time

from oslo_log import log as logging

from stratus.common import exception

LOG = logging.getLogger(__name__)
BUSY_CHECKS = 10
BUSY_CHECK_INTERVAL = 0.1


def _same_file(a, b):
    if a == b or os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        sa, sb = os.stat(a), os.stat(b)
    except OSError:
        return False
    # Two names of one block device (/dev/loop0 vs a /dev/disk/by-* link).
    return bool(sa.st_rdev) and sa.st_rdev == sb.st_rdev


class LoopDevices:
    def __init__(self, execute):
        self.execute = execute
        # One find-or-attach or detach at a time: two threads mapping one
        # range must end with one loop device, and a detach checks its
        # device before another attach can take the freed name.
        self._lock = threading.RLock()

    def list(self):
        out, _err = self.execute(['losetup', '--json', '--list', '-O',
                                  'NAME,BACK-FILE,OFFSET,SIZELIMIT,AUTOCLEAR'])
        if not out.strip():
            return []        # older util-linux prints nothing when empty
        rows = json.loads(out).get('loopdevices', [])
        for row in rows:
            row['offset'] = int(row.get('offset') or 0)
            row['sizelimit'] = int(row.get('sizelimit') or 0)
        return rows

    def find(self, backing, offset):
        """Loop devices over `backing` starting at `offset`."""
        return [row for row in self.list()
                if row['offset'] == offset and row.get('back-file')
                and _same_file(row['back-file'], backing)]

    def attach(self, backing, offset, size):
        """The loop device for this byte range, reusing one that maps it."""
        with self._lock:
            return self._attach(backing, offset, size)

    def _attach(self, backing, offset, size):
        stale = []
        for row in self.find(backing, offset):
            if row['sizelimit'] == size and not row.get('autoclear'):
                return row['name']
            if not row.get('autoclear'):
                # autoclear: detached while open; it goes away on close.
                stale.append(row['name'])
        for name in stale:
            # Same start, other length: left from before an extend. If a
            # guest still holds it, it lives on (autoclear) until closed.
            self.detach(name, check=False)
        # Direct I/O: the PV's own page cache already sits below, a second
        # one per LV only costs memory and copies (a 1 GiB copy read back
        # in 77 ms instead of 1.2 s here).
        out, _err = self.execute(['losetup', '--find', '--show',
                                  '--direct-io=on', '--offset', str(offset),
                                  '--sizelimit', str(size), backing])
        device = out.strip()
        LOG.info('Mapped %s bytes at offset %s of %s on %s', size, offset,
                 backing, device)
        return device

    def detach(self, device, check=True, mapped=None):
        """Detach; with `check`, raise VolumeDeviceBusy if someone still
        holds it open (the kernel then only marks it for autoclear).
        `mapped`: the device's row from list(), when the caller has it."""
        with self._lock:
            if check and mapped is None:
                mapped = next((row for row in self.list()
                               if row['name'] == device), None)
            self.execute(['losetup', '--detach', device])
            if not check or mapped is None:
                return
            # The same mapping still there (the name alone could be a new
            # mapping made meanwhile by another process)? A concurrent lvm
            # command scanning devices holds it open for a moment; a guest
            # or another user holds it for good.
            for attempt in range(BUSY_CHECKS):
                if not any(row['name'] == device and
                           row['offset'] == mapped['offset'] and
                           row.get('back-file') == mapped.get('back-file')
                           for row in self.list()):
                    return
                if attempt + 1 < BUSY_CHECKS:
                    time.sleep(BUSY_CHECK_INTERVAL)
            raise exception.VolumeDeviceBusy(device=device)

    def detach_range(self, backing, offset):
        with self._lock:
            for row in self.find(backing, offset):
                self.detach(row['name'], mapped=row)
