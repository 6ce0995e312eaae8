"""In-memory backend for tests and scale benchmarks.

Its one pool (named after the backend) has ``fake_capacity_gb`` GiB, thick
unless ``fake_thin_provisioning``; ``fake_fail_methods`` names driver
methods that raise VolumeBackendAPIException, so failure paths can be
reached through real daemons. Volumes and snapshots live in dicts and are
lost on restart (deleting what it does not know is a no-op, as the
contract asks). A volume keeps the bytes written into it (an image, a
clone's source's, a migration's copy; at most MAX_DATA) and gives them
back to copy_volume_to_image.
"""
import hashlib
import threading

from stratus.common import exception
from stratus.volume.drivers import driver
from stratus.volume.drivers import manageable


class FakeDriver(driver.VolumeDriver):
    VENDOR = 'stratus'
    VERSION = '1.0'
    # The bytes a fake volume keeps (test images are small).
    MAX_DATA = 64 << 20

    def __init__(self, backend_name, configuration, execute=None):
        super().__init__(backend_name, configuration, execute)
        self.volumes = {}
        self.snapshots = {}
        self.connections = {}
        # Objects on the backend no volume or snapshot owns (name -> size,
        # origin): what manage_existing takes over and unmanage leaves.
        self.foreign = {}
        self._lock = threading.Lock()
        # Tests may add names here besides the configured ones.
        self.fail_methods = set(getattr(configuration, 'fake_fail_methods',
                                        None) or ())

    def _maybe_fail(self, method):
        if method in self.fail_methods:
            raise exception.VolumeBackendAPIException(
                data='injected failure in %s' % method)

    @property
    def pool_name(self):
        return self.configuration.volume_backend_name or self.backend_name

    # --- set-up and reports --------------------------------------------------
    def do_setup(self):
        self._maybe_fail('do_setup')

    def check_for_setup_error(self):
        self._maybe_fail('check_for_setup_error')

    def get_volume_stats(self, refresh=False):
        total = self.configuration.fake_capacity_gb
        thin = bool(self.configuration.fake_thin_provisioning)
        with self._lock:
            allocated = sum(v['size'] for v in self.volumes.values())
            used = allocated + sum(s['size'] for s in self.snapshots.values())
        return {
            'volume_backend_name': self.pool_name, 'vendor_name': self.VENDOR,
            'driver_version': self.VERSION, 'storage_protocol': 'local',
            'pools': [{
                'pool_name': self.pool_name,
                'total_capacity_gb': total,
                # Thin space is only written data; nothing is written here.
                'free_capacity_gb': total if thin else max(total - used, 0),
                'allocated_capacity_gb': allocated,
                'provisioned_capacity_gb': allocated,
                'reserved_percentage': self.configuration.reserved_percentage,
                'max_over_subscription_ratio': (
                    self.configuration.max_over_subscription_ratio
                    if thin else 1.0),
                'thin_provisioning_support': thin,
                'thick_provisioning_support': not thin,
                'multiattach': True,
                'total_volumes': len(self.volumes),
            }],
        }

    # --- volumes ------------------------------------------------------------
    @staticmethod
    def _key(volume):
        """Records are keyed by the id in the backend name: a migrated
        volume keeps its id while its data is the destination's object."""
        name = volume.get('name') or ''
        return name[len('volume-'):] if name.startswith('volume-') \
            else volume['id']

    def _add(self, volume, source=None):
        record = {'id': volume['id'], 'name': volume.get('name'),
                  'size': volume['size'], 'source': source,
                  'image_checksum': None, 'data': b''}
        if source and source[0] == 'volume':
            record['data'] = self.volumes[source[1]].get('data', b'')
        with self._lock:
            self.volumes[self._key(volume)] = record
        return {'provider_location': 'fake:%s' % self._key(volume)}

    def create_volume(self, volume):
        self._maybe_fail('create_volume')
        return self._add(volume)

    def delete_volume(self, volume):
        self._maybe_fail('delete_volume')
        with self._lock:
            self.volumes.pop(self._key(volume), None)
            self.connections.pop(self._key(volume), None)

    def extend_volume(self, volume, new_size_gb):
        self._maybe_fail('extend_volume')
        with self._lock:
            record = self.volumes.get(self._key(volume))
            if record is None:
                raise exception.VolumeBackendAPIException(
                    data='volume %s is not on this backend' % volume['id'])
            record['size'] = new_size_gb

    def create_snapshot(self, snapshot, volume):
        self._maybe_fail('create_snapshot')
        with self._lock:
            if self._key(volume) not in self.volumes:
                raise exception.VolumeBackendAPIException(
                    data='volume %s is not on this backend' % volume['id'])
            self.snapshots[snapshot['id']] = {
                'id': snapshot['id'], 'volume_id': volume['id'],
                'size': snapshot.get('volume_size', volume['size'])}
        return {'provider_location': 'fake:%s' % snapshot['id']}

    def delete_snapshot(self, snapshot, volume):
        self._maybe_fail('delete_snapshot')
        with self._lock:
            self.snapshots.pop(snapshot['id'], None)

    def revert_to_snapshot(self, volume, snapshot):
        """Records the snapshot the volume's data now comes from."""
        self._maybe_fail('revert_to_snapshot')
        with self._lock:
            record = self.volumes.get(volume['id'])
            if record is None or snapshot['id'] not in self.snapshots:
                raise exception.VolumeBackendAPIException(
                    data='volume %s or snapshot %s is not on this backend'
                    % (volume['id'], snapshot['id']))
            record['source'] = ('snapshot', snapshot['id'])

    def create_volume_from_snapshot(self, volume, snapshot):
        self._maybe_fail('create_volume_from_snapshot')
        if snapshot['id'] not in self.snapshots:
            raise exception.VolumeBackendAPIException(
                data='snapshot %s is not on this backend' % snapshot['id'])
        return self._add(volume, source=('snapshot', snapshot['id']))

    def create_cloned_volume(self, volume, source):
        self._maybe_fail('create_cloned_volume')
        if self._key(source) not in self.volumes:
            raise exception.VolumeBackendAPIException(
                data='volume %s is not on this backend' % source['id'])
        return self._add(volume, source=('volume', self._key(source)))

    def copy_image_to_volume(self, volume, image_path, image_format):
        """Records the image's checksum: what would have been written."""
        self._maybe_fail('copy_image_to_volume')
        digest = hashlib.sha256()
        with open(image_path, 'rb') as f:
            data = f.read(self.MAX_DATA)
        digest.update(data)
        with self._lock:
            record = self.volumes.get(self._key(volume))
            if record is None:
                raise exception.VolumeBackendAPIException(
                    data='volume %s is not on this backend' % volume['id'])
            record['image_checksum'] = digest.hexdigest()
            record['image_format'] = image_format
            record['data'] = data

    def copy_volume_to_image(self, volume, image_path):
        """Writes what the volume holds: the bytes written into it (an
        image, a migration's copy), nothing for a blank one."""
        self._maybe_fail('copy_volume_to_image')
        with self._lock:
            record = self.volumes.get(self._key(volume))
            if record is None:
                raise exception.VolumeBackendAPIException(
                    data='volume %s is not on this backend' % volume['id'])
            data = record.get('data', b'')
        with open(image_path, 'wb') as f:
            f.write(data)

    def local_path(self, volume):
        return '/dev/fake/%s' % volume['id']

    # --- connections ---------------------------------------------------------
    def initialize_connection(self, volume, connector):
        self._maybe_fail('initialize_connection')
        with self._lock:
            self.connections.setdefault(self._key(volume),
                                        []).append(connector)
        return {'driver_volume_type': 'local',
                'data': {'device_path': self.local_path(volume),
                         'volume_id': volume['id']}}

    def terminate_connection(self, volume, connector):
        self._maybe_fail('terminate_connection')
        with self._lock:
            held = self.connections.get(self._key(volume), [])
            if connector in held:
                held.remove(connector)

    # --- existing objects ----------------------------------------------------
    def add_existing(self, name, size_gb, origin=None):
        """Put an object on the backend outside of any volume (tests; an
        `origin` volume name makes it a snapshot)."""
        with self._lock:
            self.foreign[name] = {'size': size_gb, 'origin': origin}

    def _listing(self, kind, known, marker, limit, offset, keys, dirs):
        with self._lock:
            if kind == 'volume':
                objects = [('volume-%s' % v['id'], v['size'], None)
                           for v in self.volumes.values()]
            else:
                objects = [('snapshot-%s' % s['id'], s['size'],
                            'volume-%s' % s['volume_id'])
                           for s in self.snapshots.values()]
            objects += [(name, o['size'], o['origin'])
                        for name, o in self.foreign.items()
                        if (o['origin'] is None) == (kind == 'volume')]
        entries = [manageable.entry(kind, name, size, known, origin=origin)
                   for name, size, origin in objects]
        return manageable.paginate(entries, marker, limit, offset, keys,
                                   dirs)

    def get_manageable_volumes(self, cinder_volumes, marker, limit, offset,
                               sort_keys, sort_dirs):
        return self._listing('volume', {v['id'] for v in cinder_volumes},
                             marker, limit, offset, sort_keys, sort_dirs)

    def get_manageable_snapshots(self, cinder_snapshots, marker, limit,
                                 offset, sort_keys, sort_dirs):
        return self._listing('snapshot', {s['id'] for s in cinder_snapshots},
                             marker, limit, offset, sort_keys, sort_dirs)

    def _foreign(self, ref, snapshot=False):
        name = manageable.source_name(ref)
        with self._lock:
            found = self.foreign.get(name)
        if found is None or (found['origin'] is not None) != snapshot:
            raise manageable.missing(name)
        return name, found

    def manage_existing_get_size(self, volume, existing_ref):
        return self._foreign(existing_ref)[1]['size']

    def manage_existing(self, volume, existing_ref):
        self._maybe_fail('manage_existing')
        name, found = self._foreign(existing_ref)
        with self._lock:
            self.foreign.pop(name, None)
        return self._add(dict(volume, size=found['size']))

    def manage_existing_snapshot_get_size(self, snapshot, existing_ref):
        return self._foreign(existing_ref, snapshot=True)[1]['size']

    def manage_existing_snapshot(self, snapshot, existing_ref):
        self._maybe_fail('manage_existing_snapshot')
        name, found = self._foreign(existing_ref, snapshot=True)
        with self._lock:
            self.foreign.pop(name, None)
            self.snapshots[snapshot['id']] = {
                'id': snapshot['id'], 'volume_id': snapshot['volume_id'],
                'size': found['size']}
        return {'provider_location': 'fake:%s' % snapshot['id']}

    def unmanage(self, volume):
        with self._lock:
            record = self.volumes.pop(volume['id'], None)
            if record is not None:
                self.foreign['volume-%s' % volume['id']] = {
                    'size': record['size'], 'origin': None}

    def unmanage_snapshot(self, snapshot):
        with self._lock:
            record = self.snapshots.pop(snapshot['id'], None)
            if record is not None:
                self.foreign['snapshot-%s' % snapshot['id']] = {
                    'size': record['size'],
                    'origin': 'volume-%s' % record['volume_id']}
