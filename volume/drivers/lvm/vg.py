"""VolumeGroup: one object per LVM volume group, wrapping the lvm commands.

Commands are argument lists run by an injected executor; reports are read
as JSON (``--reportformat json --units b --nosuffix``), never by splitting
columns. With ``activation=False`` (a kernel without device-mapper) every
command carries ACTIVATION_OFF so LVM edits metadata only, and new LVs are
made inactive, unzeroed and contiguous so each has one byte range on one PV.
"""
import json

from stratus.common import processutils

ACTIVATION_OFF = ('global{activation=0} '
                  'devices{obtain_device_list_from_udev=0} '
                  'activation{udev_sync=0 udev_rules=0}')
REPORT = ('--reportformat', 'json', '--units', 'b', '--nosuffix')
LV_FIELDS = 'lv_name,lv_size,lv_attr,origin,pool_lv,data_percent,seg_count'
VG_FIELDS = ('vg_name,vg_size,vg_free,vg_extent_size,vg_extent_count,'
             'vg_free_count,lv_count')
SEG_FIELDS = 'pv_name,pe_start,pvseg_start,pvseg_size,lv_name,vg_extent_size'
INT_KEYS = ('lv_size', 'seg_count', 'vg_size', 'vg_free', 'vg_extent_size',
            'vg_extent_count', 'vg_free_count', 'lv_count', 'pe_start',
            'pvseg_start', 'pvseg_size')


class NotContiguous(Exception):
    """The LV is not one linear segment, so no single byte range holds it."""


def _typed(row):
    out = dict(row)
    for key in INT_KEYS:
        if key in out and out[key] != '':
            out[key] = int(out[key])
    if 'data_percent' in out:
        out['data_percent'] = float(out['data_percent'] or 0)
    return out


def parse_report(stdout, kind):
    """Rows of one report kind ('vg', 'lv', 'pvseg') from LVM's JSON."""
    rows = []
    for report in json.loads(stdout or '{}').get('report', []):
        rows.extend(_typed(row) for row in report.get(kind, []))
    return rows


class VolumeGroup:
    def __init__(self, name, execute, activation=True, thin_pool=None):
        self.name = name
        self.execute = execute
        self.activation = activation
        self.thin_pool = thin_pool

    # --- commands --------------------------------------------------------
    def _run(self, tool, *args):
        cmd = [tool]
        if not self.activation:
            cmd += ['--config', ACTIVATION_OFF]
        return self.execute(cmd + list(args))

    def _report(self, tool, kind, fields, *args):
        out, _err = self._run(tool, *REPORT, '-o', fields, *args)
        return parse_report(out, kind)

    def path(self, lv_name):
        return '%s/%s' % (self.name, lv_name)

    def device_path(self, lv_name):
        """Block device of an activated LV (device-mapper hosts only)."""
        return '/dev/%s/%s' % (self.name, lv_name)

    # --- reports ---------------------------------------------------------
    def exists(self):
        try:
            return bool(self.info())
        except processutils.ProcessExecutionError:
            return False

    def info(self):
        rows = self._report('vgs', 'vg', VG_FIELDS, self.name)
        return rows[0] if rows else None

    def get_volumes(self):
        return self._report('lvs', 'lv', LV_FIELDS, self.name)

    def get_volume(self, lv_name):
        """The LV's report row, or None; a selection, so a missing LV is an
        empty answer rather than an error."""
        rows = self._report('lvs', 'lv', LV_FIELDS,
                            '--select', 'lv_name=%s' % lv_name, self.name)
        return rows[0] if rows else None

    def extent_range(self, lv_name):
        """(pv_name, offset, length) in bytes of a one-segment LV on its PV."""
        rows = self._report('pvs', 'pvseg', SEG_FIELDS, '--segments',
                            '--select', 'vg_name=%s && lv_name=%s'
                            % (self.name, lv_name))
        if len(rows) != 1:
            raise NotContiguous('%s has %d segments' % (self.path(lv_name),
                                                        len(rows)))
        seg = rows[0]
        extent = seg['vg_extent_size']
        return (seg['pv_name'], seg['pe_start'] + seg['pvseg_start'] * extent,
                seg['pvseg_size'] * extent)

    def thin_pool_info(self):
        rows = self._report('lvs', 'lv', LV_FIELDS, self.path(self.thin_pool))
        return rows[0] if rows else None

    # --- changes ---------------------------------------------------------
    def _create_flags(self):
        if self.activation:
            return ['--yes']
        # No device-mapper: leave the LV inactive (nothing could activate
        # it), skip zeroing (which needs an active LV) and keep it in one
        # piece so a loop device can map it.
        return ['-an', '-Zn', '--alloc', 'contiguous']

    def create_volume(self, lv_name, size_bytes, thin=False, mirrors=0):
        if thin:
            return self._run('lvcreate', '-T', '-V', '%db' % size_bytes,
                             '-n', lv_name, self.path(self.thin_pool))
        extra = ['-m', str(mirrors), '--nosync'] if mirrors else []
        return self._run('lvcreate', *self._create_flags(), *extra,
                         '-n', lv_name, '-L', '%db' % size_bytes, self.name)

    def create_snapshot(self, lv_name, origin, size_bytes=None):
        """An activated snapshot: thin when no size is given (no COW area
        to size), thick copy-on-write otherwise."""
        if size_bytes is None:
            # -kn: thin snapshots skip activation by default; we want the
            # device now.
            return self._run('lvcreate', '-s', '-kn', '-n', lv_name,
                             self.path(origin))
        return self._run('lvcreate', '-s', '-L', '%db' % size_bytes,
                         '-n', lv_name, self.path(origin))

    def create_thin_pool(self):
        return self._run('lvcreate', '--type', 'thin-pool', '-l', '95%FREE',
                         '-n', self.thin_pool, self.name)

    def extend_volume(self, lv_name, size_bytes):
        extra = [] if self.activation else ['--alloc', 'contiguous']
        return self._run('lvextend', *extra, '-L', '%db' % size_bytes,
                         self.path(lv_name))

    def rename_volume(self, old, new):
        return self._run('lvrename', self.name, old, new)

    def delete(self, lv_name):
        return self._run('lvremove', '-f', self.path(lv_name))
