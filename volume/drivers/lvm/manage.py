"""Managing existing LVs, as cinder's LVM driver does: an LV named by
{'source-name': <lv>} is renamed to the volume's (or snapshot's) LV name
and its size rounded up to GiB; unmanage leaves the LV where it is."""
import math

from stratus.common import exception
from stratus.common import processutils
from stratus.volume.drivers import manageable

GiB = 1 << 30
# LVs of copies and moves in progress: never offered for managing.
_TEMPORARY = ('.new', '.grow', '.old')


def _size_gb(row):
    return int(math.ceil(row['lv_size'] / GiB))


def _is_snapshot(row):
    # Without device-mapper a snapshot is a full copy with no origin: its
    # name (_snapshot-<id>) still says what it is.
    return bool(row.get('origin')) or \
        manageable.snapshot_id_of(row['lv_name']) is not None


class ManageMixin:
    """Mixed into LVMVolumeDriver (which provides vg, _volume_lv and
    _snapshot_lv)."""

    def _existing_lv(self, ref):
        name = manageable.source_name(ref)
        row = self.vg.get_volume(name)
        if row is None:
            raise manageable.missing(name)
        return name, row

    def _manageable(self, kind, known, marker, limit, offset, keys, dirs):
        entries = []
        for row in self.vg.get_volumes():
            name = row['lv_name']
            if name == self.vg.thin_pool or name.endswith(_TEMPORARY) or \
                    (kind == 'snapshot') != _is_snapshot(row):
                continue
            attr = row.get('lv_attr') or ''
            entries.append(manageable.entry(
                kind, name, _size_gb(row), known, in_use=attr[5:6] == 'o',
                origin=row.get('origin') or None))
        return manageable.paginate(entries, marker, limit, offset, keys,
                                   dirs)

    def get_manageable_volumes(self, cinder_volumes, marker, limit, offset,
                               sort_keys, sort_dirs):
        return self._manageable('volume', {v['id'] for v in cinder_volumes},
                                marker, limit, offset, sort_keys, sort_dirs)

    def get_manageable_snapshots(self, cinder_snapshots, marker, limit,
                                 offset, sort_keys, sort_dirs):
        return self._manageable('snapshot',
                                {s['id'] for s in cinder_snapshots},
                                marker, limit, offset, sort_keys, sort_dirs)

    def manage_existing_get_size(self, volume, existing_ref):
        return _size_gb(self._existing_lv(existing_ref)[1])

    def manage_existing_snapshot_get_size(self, snapshot, existing_ref):
        if not isinstance(existing_ref, dict):
            existing_ref = {'source-name': existing_ref}
        return _size_gb(self._existing_lv(existing_ref)[1])

    def _take_over(self, name, new_name):
        try:
            self.vg.rename_volume(name, new_name)
        except processutils.ProcessExecutionError as exc:
            raise exception.VolumeBackendAPIException(
                data='Failed to rename logical volume %s, error message was: '
                     '%s' % (name, exc.stderr))
        self._stats = None

    def manage_existing(self, volume, existing_ref):
        name, _row = self._existing_lv(existing_ref)
        if name != self._volume_lv(volume):
            self._take_over(name, self._volume_lv(volume))
        return None

    def manage_existing_snapshot(self, snapshot, existing_ref):
        if not isinstance(existing_ref, dict):
            existing_ref = {'source-name': existing_ref}
        name, _row = self._existing_lv(existing_ref)
        if name != self._snapshot_lv(snapshot):
            self._take_over(name, self._snapshot_lv(snapshot))
        return None

    def unmanage(self, volume):
        """The LV stays, under the volume's LV name (as cinder's LVM)."""

    def unmanage_snapshot(self, snapshot):
        """The snapshot LV stays where it is."""
