"""LVMVolumeDriver: volumes as logical volumes of one volume group.

Control path only: LV bookkeeping goes through vg.VolumeGroup, bytes through
a data path (datapath.py: activated device-mapper devices, or loop devices
over the PV where the kernel has no device-mapper) and exports through a
target (targets/local.py for this host, targets/nbd.py for others).

Names follow cinder: volume LV ``volume-<id>``, snapshot LV
``_snapshot-<id>`` (LVM reserves names starting with "snapshot"). LVs that
are being filled are built as ``<name>.new`` and renamed when complete, so
a crash never leaves a half-copied LV under a real name.
"""
import os
import socket

from oslo_log import log as logging

from stratus.common import exception
from stratus.common import processutils
from stratus.common.conf import CONF
from stratus.volume.drivers import driver
from stratus.volume.drivers.lvm import blockdata
from stratus.volume.drivers.lvm import datapath
from stratus.volume.drivers.lvm import manage
from stratus.volume.drivers.lvm import vg as lvm_vg
from stratus.volume.drivers.targets import local
from stratus.volume.drivers.targets import nbd

LOG = logging.getLogger(__name__)
GiB = 1 << 30
BUILDING = '.new'       # an LV being filled by a copy
GROWING = '.grow'       # the bigger copy of an LV that could not grow in place
RETIRING = '.old'       # the original of a moved LV, removed last
SUFFIXES = ('', BUILDING, GROWING, RETIRING)


def device_mapper_present():
    """Whether the kernel has device-mapper (without it LVM can activate
    nothing). /dev/mapper/control alone proves nothing: libdevmapper makes
    that node itself, and opening it then fails with ENODEV."""
    try:
        with open('/proc/misc') as f:
            if any(line.split()[-1:] == ['device-mapper'] for line in f):
                return True
    except OSError:
        pass
    try:
        # Opening the node loads a modular device-mapper on demand.
        os.close(os.open('/dev/mapper/control', os.O_RDWR))
        return True
    except OSError:
        return False


def _gb(nbytes):
    return round(nbytes / GiB, 2)


class LVMVolumeDriver(manage.ManageMixin, driver.VolumeDriver):
    VERSION = '1.0'

    def __init__(self, backend_name, configuration, execute=None):
        super().__init__(backend_name, configuration,
                         execute or processutils.execute)
        self.vg = None
        self.data = None
        self.local_target = local.LocalTarget()
        self.remote_target = None
        self._stats = None

    # --- set-up -------------------------------------------------------------
    def do_setup(self):
        conf = self.configuration
        self.thin = conf.lvm_type == 'thin'
        self.activation = device_mapper_present()
        self.vg = lvm_vg.VolumeGroup(
            conf.volume_group, self.execute, activation=self.activation,
            thin_pool='%s-pool' % conf.volume_group if self.thin else None)
        self.data = datapath.for_volume_group(self.vg, self.execute)
        if conf.target_protocol == 'nbd':
            state_dir = os.path.join(CONF.state_path, 'volumes',
                                     self.backend_name)
            self.remote_target = nbd.NBDTarget(conf, self.execute, state_dir)
        log = LOG.info if self.activation else LOG.warning
        log('Backend %s, volume group %s: %s', self.backend_name,
            conf.volume_group, self.data.description % {'vg': self.vg.name})

    def check_for_setup_error(self):
        conf = self.configuration
        if not self.vg.exists():
            raise exception.VolumeBackendAPIException(
                data='volume group %s does not exist' % conf.volume_group)
        if not self.activation and self.thin:
            raise exception.VolumeBackendAPIException(
                data='lvm_type = thin needs device-mapper, which this '
                     'kernel lacks; use lvm_type = default')
        if not self.activation and conf.lvm_mirrors:
            raise exception.VolumeBackendAPIException(
                data='lvm_mirrors needs device-mapper, which this kernel '
                     'lacks')
        if self.thin and self.vg.thin_pool_info() is None:
            LOG.info('Creating thin pool %s', self.vg.path(self.vg.thin_pool))
            self.vg.create_thin_pool()

    # --- names and lookups --------------------------------------------------
    @staticmethod
    def _volume_lv(volume):
        return volume.get('name') or 'volume-%s' % volume['id']

    @staticmethod
    def _snapshot_lv(snapshot):
        name = snapshot.get('name') or 'snapshot-%s' % snapshot['id']
        return '_' + name if name.startswith('snapshot') else name

    def _lv(self, name):
        """The LV's row; finishes a move a crash interrupted (the grown
        copy is complete once the original was renamed away)."""
        row = self.vg.get_volume(name)
        if row is None and not self.activation:
            grown = self.vg.get_volume(name + GROWING)
            if grown is not None:
                LOG.info('Finishing the interrupted move of %s', name)
                self.vg.rename_volume(name + GROWING, name)
                self._remove_if_present(name + RETIRING)
                row = self.vg.get_volume(name)
        return row

    def _required(self, name):
        row = self._lv(name)
        if row is None:
            raise exception.VolumeBackendAPIException(
                data='logical volume %s not found' % self.vg.path(name))
        return row

    def _exists_as(self, name, size):
        """True if the LV exists with this size (a repeated create)."""
        row = self.vg.get_volume(name)
        if row is None:
            return False
        if row['lv_size'] != size:
            raise exception.VolumeBackendSizeMismatch(
                name=self.vg.path(name), actual=row['lv_size'], wanted=size)
        return True

    # --- building blocks -----------------------------------------------------
    def _create_lv(self, name, size):
        self.vg.create_volume(name, size, thin=self.thin,
                              mirrors=self.configuration.lvm_mirrors)
        self._stats = None

    def _build(self, name, size, source_device):
        """A new LV of `size` holding a copy of `source_device`."""
        temp = name + BUILDING
        self._remove_if_present(temp)           # from an earlier crash
        self._create_lv(temp, size)
        blockdata.copy(self.execute, source_device, self.data.device(temp))
        self.vg.rename_volume(temp, name)
        self._stats = None

    def _check_fits(self, name, size, source_row):
        if size < source_row['lv_size']:
            raise exception.VolumeBackendAPIException(
                data='%s (%d bytes) cannot hold %s (%d bytes)'
                % (name, size, source_row['lv_name'], source_row['lv_size']))

    def _thin_clone(self, name, origin, size):
        self.vg.create_snapshot(name, origin)
        if size > self.vg.get_volume(name)['lv_size']:
            self.vg.extend_volume(name, size)
        self._stats = None

    def _remove(self, row):
        """Wipe as configured, unmap and remove. Every removal wipes, the
        temporary LVs of copies and moves too: they held tenant data."""
        name = row['lv_name']
        if self.configuration.volume_clear == 'zero' and \
                not row.get('pool_lv'):
            # Thin LVs are skipped: unwritten thin space reads as zeros.
            LOG.info('Wiping %s (volume_clear = zero)', self.vg.path(name))
            blockdata.wipe(self.execute, self.data.wipe_target(row),
                           row['lv_size'],
                           self.configuration.volume_clear_size)
        self.data.release(name)
        self.vg.delete(name)
        self._stats = None

    def _remove_if_present(self, name):
        row = self.vg.get_volume(name)
        if row is not None:
            self._remove(row)

    # --- volumes ------------------------------------------------------------
    def create_volume(self, volume):
        name = self._volume_lv(volume)
        size = volume['size'] * GiB
        if not self._exists_as(name, size):
            self._create_lv(name, size)
            LOG.info('Created %s (%d GiB)', self.vg.path(name),
                     volume['size'])
        return None

    def delete_volume(self, volume):
        name = self._volume_lv(volume)
        rows = {r['lv_name']: r for r in self.vg.get_volumes()}
        if self.activation and any(r['origin'] == name
                                   for r in rows.values()):
            raise exception.VolumeIsBusy(volume_name=name)
        for lv in (name + suffix for suffix in SUFFIXES):
            if lv in rows:
                self._remove(rows[lv])
        LOG.info('Deleted %s%s', self.vg.path(name),
                 '' if name in rows else ' (it was already gone)')

    def extend_volume(self, volume, new_size_gb):
        name = self._volume_lv(volume)
        size = new_size_gb * GiB
        row = self._required(name)
        if not self.activation:
            # left by a move that stopped after its last rename
            self._remove_if_present(name + RETIRING)
        if row['lv_size'] >= size:
            return
        try:
            self.vg.extend_volume(name, size)
        except processutils.ProcessExecutionError as e:
            if self.activation or 'contiguous' not in e.stderr:
                raise
            # The extents after the LV are taken: move it to a free range
            # that holds the new size.
            self._relocate(name, size)
        self.data.refresh(name)
        self._stats = None
        LOG.info('Extended %s to %d GiB', self.vg.path(name), new_size_gb)

    def _relocate(self, name, size):
        """Copy the LV into a new contiguous LV of `size` and swap names.
        Each step leaves a state _lv() or a retry can finish."""
        temp = name + GROWING
        # Busy (attached) volumes are refused before anything changes.
        self.data.release(name)
        self._remove_if_present(temp)
        self.vg.create_volume(temp, size)
        blockdata.copy(self.execute, self.data.device(name),
                       self.data.device(temp))
        self.vg.rename_volume(name, name + RETIRING)
        self.vg.rename_volume(temp, name)
        self._remove(self.vg.get_volume(name + RETIRING))

    # --- snapshots and copies ------------------------------------------------
    def create_snapshot(self, snapshot, volume):
        name = self._snapshot_lv(snapshot)
        if self.vg.get_volume(name) is not None:
            return None
        source = self._volume_lv(volume)
        row = self._required(source)
        if self.activation:
            # Thin origins get thin snapshots; thick ones a COW area as big
            # as the volume, so the snapshot can never overflow.
            self.vg.create_snapshot(
                name, source, None if row['pool_lv'] else row['lv_size'])
            self._stats = None
        else:
            self._build(name, row['lv_size'], self.data.device(source))
        LOG.info('Created snapshot %s of %s', self.vg.path(name), source)
        return None

    def delete_snapshot(self, snapshot, volume):
        name = self._snapshot_lv(snapshot)
        self._remove_if_present(name + BUILDING)
        self._remove_if_present(name)
        LOG.info('Deleted snapshot %s', self.vg.path(name))

    def revert_to_snapshot(self, volume, snapshot):
        # A copy back rather than lvconvert --merge: the snapshot survives
        # (cinder's API promises it does) and thick, thin and loop-backed
        # LVs all take the same path.
        name = self._volume_lv(volume)
        row = self._required(name)
        source = self._required(self._snapshot_lv(snapshot))
        self._check_fits(name, row['lv_size'], source)
        blockdata.copy(self.execute, self.data.device(source['lv_name']),
                       self.data.device(name))
        LOG.info('Reverted %s to snapshot %s', self.vg.path(name),
                 source['lv_name'])

    def create_volume_from_snapshot(self, volume, snapshot):
        name = self._volume_lv(volume)
        size = volume['size'] * GiB
        if self._exists_as(name, size):
            return None
        source = self._snapshot_lv(snapshot)
        row = self._required(source)
        self._check_fits(name, size, row)
        if self.activation and row['pool_lv']:
            self._thin_clone(name, source, size)
        else:
            self._build(name, size, self.data.device(source))
        LOG.info('Created %s from snapshot %s', self.vg.path(name), source)
        return None

    def create_cloned_volume(self, volume, source):
        name = self._volume_lv(volume)
        size = volume['size'] * GiB
        if self._exists_as(name, size):
            return None
        origin = self._volume_lv(source)
        row = self._required(origin)
        self._check_fits(name, size, row)
        if self.activation and row['pool_lv']:
            self._thin_clone(name, origin, size)
        elif self.activation:
            # Copy from a snapshot so writes to an attached source during
            # the copy do not tear the clone.
            temp = 'clone-snap-%s' % source['id']
            self._remove_if_present(temp)
            self.vg.create_snapshot(temp, origin, row['lv_size'])
            try:
                self._build(name, size, self.data.device(temp))
            finally:
                self._remove_if_present(temp)
        else:
            self._build(name, size, self.data.device(origin))
        LOG.info('Created %s as a clone of %s', self.vg.path(name), origin)
        return None

    def copy_image_to_volume(self, volume, image_path, image_format):
        name = self._volume_lv(volume)
        row = self._required(name)
        blockdata.write_image(self.execute, image_path, image_format or 'raw',
                              self.data.device(name), row['lv_size'],
                              image_id=volume.get('image_id'))
        LOG.info('Wrote image %s (%s) into %s', image_path, image_format,
                 self.vg.path(name))

    def copy_volume_to_image(self, volume, image_path):
        name = self._volume_lv(volume)
        self._required(name)
        blockdata.read_to_file(self.execute, self.data.device(name),
                               image_path)
        LOG.info('Read %s into %s', self.vg.path(name), image_path)

    # --- data path and connections -------------------------------------------
    def local_path(self, volume):
        name = self._volume_lv(volume)
        self._required(name)
        return self.data.device(name)

    def _target(self, connector):
        connector = connector or {}
        here = {CONF.host, socket.gethostname()}
        if connector.get('host') in here or connector.get('hostname') in here:
            return self.local_target
        if self.remote_target is None:
            raise exception.VolumeBackendAPIException(
                data='backend %s serves only guests on %s (target_protocol '
                     '= local); %s cannot reach its volumes'
                     % (self.backend_name, CONF.host, connector.get('host')))
        return self.remote_target

    def initialize_connection(self, volume, connector):
        target = self._target(connector)
        info = target.initialize_connection(volume, self.local_path(volume),
                                            connector)
        LOG.info('Connection for %s to %s: %s', volume['id'],
                 (connector or {}).get('host'), info['driver_volume_type'])
        return info

    def terminate_connection(self, volume, connector):
        self._target(connector).terminate_connection(volume, connector)

    # --- capacity ------------------------------------------------------------
    def get_volume_stats(self, refresh=False):
        if refresh or self._stats is None:
            self._stats = self._read_stats()
        return self._stats

    def _pool_capacity(self):
        lvs = self.vg.get_volumes()
        if self.thin:
            pool = self.vg.thin_pool_info()
            used = pool['lv_size'] * pool['data_percent'] / 100
            mine = [lv for lv in lvs if lv['pool_lv'] == self.vg.thin_pool]
            return (pool['lv_size'], pool['lv_size'] - used, used,
                    sum(lv['lv_size'] for lv in mine), len(mine))
        info = self.vg.info()
        # Thick LVs hold their whole size: allocated == provisioned.
        taken = sum(lv['lv_size'] for lv in lvs)
        return info['vg_size'], info['vg_free'], taken, taken, len(lvs)

    def _read_stats(self):
        conf = self.configuration
        name = conf.volume_backend_name or self.backend_name
        total, free, allocated, provisioned, count = self._pool_capacity()
        protocol = (self.remote_target or self.local_target).protocol
        return {
            'volume_backend_name': name, 'vendor_name': 'Open Source',
            'driver_version': self.VERSION, 'storage_protocol': protocol,
            'pools': [{
                'pool_name': name,
                'total_capacity_gb': _gb(total),
                'free_capacity_gb': _gb(free),
                'allocated_capacity_gb': _gb(allocated),
                'provisioned_capacity_gb': _gb(provisioned),
                'reserved_percentage': conf.reserved_percentage,
                'max_over_subscription_ratio':
                    conf.max_over_subscription_ratio,
                'thin_provisioning_support': self.thin,
                'thick_provisioning_support': not self.thin,
                'multiattach': False,
                'total_volumes': count,
                'lvm_type': conf.lvm_type,
                'device_mapper': self.activation,
                'location_info': 'LVMVolumeDriver:%s:%s:%s:%s' % (
                    CONF.host, self.vg.name, conf.lvm_type,
                    conf.lvm_mirrors),
                'backend_state': 'up',
            }],
        }
