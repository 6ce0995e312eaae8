"""Where an LV's bytes are read and written: the activated device-mapper
device, or a loop device over its extents when the kernel has no
device-mapper. The driver asks the same four questions of either."""
from stratus.common import exception
from stratus.volume.drivers.lvm import loopdev
from stratus.volume.drivers.lvm import vg as lvm_vg


def _dm_escape(name):
    # device-mapper names join VG and LV with '-', so '-' inside is doubled.
    return name.replace('-', '--')


class ActivatedPath:
    """device-mapper present: LVM activates each LV at /dev/VG/LV."""

    description = ('device-mapper present: LVs are activated; device paths '
                   '/dev/%(vg)s/<lv>; snapshots and thin clones with '
                   'lvcreate -s')

    def __init__(self, vg):
        self.vg = vg

    def device(self, lv_name):
        return self.vg.device_path(lv_name)

    def wipe_target(self, row):
        """The device to zero before removing this LV: for a thick snapshot
        its copy-on-write store (writing through the snapshot itself would
        only grow that store)."""
        if row.get('origin') and not row.get('pool_lv'):
            return '/dev/mapper/%s-%s-cow' % (_dm_escape(self.vg.name),
                                              _dm_escape(row['lv_name']))
        return self.device(row['lv_name'])

    def release(self, lv_name):
        """Nothing to undo: lvremove deactivates."""

    def refresh(self, lv_name):
        """device-mapper resizes the device with the LV."""


class LoopPath:
    """No device-mapper: an LV is its byte range of the PV, mapped by a
    loop device (losetup --offset --sizelimit) found again after restarts."""

    description = ('no device-mapper in this kernel: LVM metadata is '
                   'managed with activation disabled (lvcreate -an -Zn '
                   '--alloc contiguous) and each LV\'s data path is a loop '
                   'device over its extents of the PV; snapshots and clones '
                   'are full copies; thin provisioning is unsupported')

    def __init__(self, vg, loops):
        self.vg = vg
        self.loops = loops

    def _range(self, lv_name):
        try:
            return self.vg.extent_range(lv_name)
        except lvm_vg.NotContiguous as e:
            raise exception.VolumeBackendAPIException(
                data='%s: without device-mapper only a single-segment LV '
                     'has a data path' % e)

    def device(self, lv_name):
        return self.loops.attach(*self._range(lv_name))

    def wipe_target(self, row):
        return self.device(row['lv_name'])

    def release(self, lv_name):
        """Detach the LV's loop device before its extents change hands."""
        try:
            pv, offset, _length = self.vg.extent_range(lv_name)
        except lvm_vg.NotContiguous:
            return          # never mapped: only one-segment LVs are
        self.loops.detach_range(pv, offset)

    def refresh(self, lv_name):
        """After an extend: attach() replaces a mapping of the old length."""
        self.device(lv_name)


def for_volume_group(vg, execute):
    if vg.activation:
        return ActivatedPath(vg)
    return LoopPath(vg, loopdev.LoopDevices(execute))
