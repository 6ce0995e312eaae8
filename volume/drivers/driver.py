"""The volume driver contract (control path only; exports go to a target).

Volumes and snapshots are plain dicts with at least 'id', 'size' (GiB),
'name' (the backend name: volume-<id> / snapshot-<id>) and, once created,
'provider_location'. Every method is safe to call again after a crash:
deleting what is gone is a no-op, creating what exists is an error only if
it differs.

``get_volume_stats`` is the scheduler's input: keys volume_backend_name,
vendor_name, driver_version, storage_protocol and pools, each pool with
pool_name, total_capacity_gb, free_capacity_gb, allocated_capacity_gb,
provisioned_capacity_gb, reserved_percentage, max_over_subscription_ratio,
thin_provisioning_support, thick_provisioning_support, multiattach and
any capability keys volume types may ask for.
"""


def driver_volume(volume):
    """What a driver sees of a volume (plain data, no DB row)."""
    # After a migration the backend object carries the name_id.
    name = 'volume-%s' % (volume.get('name_id') or volume['id'])
    return {'id': volume['id'], 'name': name,
            'size': volume['size'], 'host': volume['host'],
            'provider_location': volume.get('provider_location'),
            'multiattach': volume.get('multiattach', False)}


def driver_snapshot(snapshot):
    return {'id': snapshot['id'], 'name': 'snapshot-%s' % snapshot['id'],
            'volume_id': snapshot['volume_id'],
            'volume_size': snapshot['volume_size'],
            'provider_location': snapshot.get('provider_location')}


class VolumeDriver:
    def __init__(self, backend_name, configuration, execute=None):
        """`configuration`: the backend's option group; `execute`: runs a
        command (argument list) as root and returns (stdout, stderr) or
        raises ProcessExecutionError — injected so tests can record."""
        self.backend_name = backend_name
        self.configuration = configuration
        self.execute = execute

    def do_setup(self):
        """Connect to the storage; called once before serving."""
        raise NotImplementedError()

    def check_for_setup_error(self):
        """Raise if the backend cannot serve (missing VG, ...)."""
        raise NotImplementedError()

    def get_volume_stats(self, refresh=False):
        raise NotImplementedError()

    def create_volume(self, volume):
        """A new blank volume; returns a model update dict or None."""
        raise NotImplementedError()

    def delete_volume(self, volume):
        """Wipe as configured (volume_clear) and remove; missing: no-op."""
        raise NotImplementedError()

    def extend_volume(self, volume, new_size_gb):
        raise NotImplementedError()

    def create_snapshot(self, snapshot, volume):
        raise NotImplementedError()

    def delete_snapshot(self, snapshot, volume):
        raise NotImplementedError()

    def revert_to_snapshot(self, volume, snapshot):
        """Make the volume's data what the snapshot holds (same size); the
        snapshot stays."""
        raise NotImplementedError()

    def create_volume_from_snapshot(self, volume, snapshot):
        raise NotImplementedError()

    def create_cloned_volume(self, volume, source):
        raise NotImplementedError()

    def copy_image_to_volume(self, volume, image_path, image_format):
        """Write a downloaded image file into the volume
        (qemu-img convert -O raw image local_path)."""
        raise NotImplementedError()

    def copy_volume_to_image(self, volume, image_path):
        """Write the volume's bytes (raw) into the file `image_path`, which
        is then uploaded as an image (or, in a migration, written into the
        destination with copy_image_to_volume)."""
        raise NotImplementedError()

    def local_path(self, volume):
        """The volume's block device path on this host."""
        raise NotImplementedError()

    def initialize_connection(self, volume, connector):
        """Connection info for `connector` (the compute host's facts):
        {'driver_volume_type': 'local'|..., 'data': {...}}."""
        raise NotImplementedError()

    def terminate_connection(self, volume, connector):
        raise NotImplementedError()

    # --- existing backend objects (cinder's manage_existing family) ---------
    # A driver without them answers as cinder's do: listing finds nothing,
    # managing fails the volume (error_managing).
    def get_manageable_volumes(self, cinder_volumes, marker, limit, offset,
                               sort_keys, sort_dirs):
        return []

    def get_manageable_snapshots(self, cinder_snapshots, marker, limit,
                                 offset, sort_keys, sort_dirs):
        return []

    def manage_existing_get_size(self, volume, existing_ref):
        raise NotImplementedError()

    def manage_existing(self, volume, existing_ref):
        """Take the object over under the volume's backend name; returns a
        model update (provider_location) or None."""
        raise NotImplementedError()

    def manage_existing_snapshot_get_size(self, snapshot, existing_ref):
        raise NotImplementedError()

    def manage_existing_snapshot(self, snapshot, existing_ref):
        raise NotImplementedError()

    def unmanage(self, volume):
        """Forget the volume, leaving its data on the backend."""

    def unmanage_snapshot(self, snapshot):
        """Forget the snapshot, leaving its data on the backend."""
