"""Client side of the volume RPC API (topic ``volume``, server =
``host@backend``).

Casts start work that ends in a status the API shows (create, delete,
extend, snapshots); calls answer now (connection info, attach, detach).
Payloads are ids and small dicts; the manager reads the rows itself.
"""
from stratus.common import rpc
from stratus.volume import host_names


class VolumeRPCClient(rpc.RPCClientBase):
    TOPIC = 'volume'
    VERSION = '1.6'
    HISTORY = (
        '1.0 initial: no methods yet (volumes arrive with block storage)',
        '1.1 create_volume, delete_volume, extend_volume, create_snapshot, '
        'delete_snapshot, initialize_connection, terminate_connection, '
        'attach_volume, detach_volume, attachment_update, '
        'attachment_delete',
        '1.2 manage_existing, manage_existing_snapshot, unmanage_volume, '
        'unmanage_snapshot, get_manageable_volumes, '
        'get_manageable_snapshots',
        '1.3 create_group, delete_group, update_group, '
        'create_group_from_src, create_group_snapshot, '
        'delete_group_snapshot (generic volume groups)',
        '1.4 freeze_host, thaw_host, get_capabilities, set_log_levels, '
        'get_log_levels (the admin API)',
        '1.5 revert_to_snapshot, reimage',
        '1.6 copy_volume_to_image, retype, migrate_volume, '
        'migrate_volume_completion, copy_file_to_volume',
    )

    def _cast(self, ctxt, since, method, host, **kwargs):
        server = host_names.extract(host, 'backend')
        self._prepare(since, server=server).cast(ctxt, method, **kwargs)

    def _server(self, volume):
        return host_names.extract(volume['host'], 'backend')

    def create_volume(self, ctxt, volume_id, host, request_spec,
                      filter_properties):
        """`host`: the pool the scheduler chose (host@backend#pool)."""
        self._cast(ctxt, '1.1', 'create_volume', host, volume_id=volume_id,
                   request_spec=request_spec,
                   filter_properties=filter_properties)

    def delete_volume(self, ctxt, volume, cascade=False):
        self._cast(ctxt, '1.1', 'delete_volume', volume['host'],
                   volume_id=volume['id'], cascade=cascade)

    def extend_volume(self, ctxt, volume, new_size, reservations):
        self._cast(ctxt, '1.1', 'extend_volume', volume['host'],
                   volume_id=volume['id'], new_size=new_size,
                   reservations=reservations)

    def create_snapshot(self, ctxt, volume, snapshot_id):
        self._cast(ctxt, '1.1', 'create_snapshot', volume['host'],
                   volume_id=volume['id'], snapshot_id=snapshot_id)

    def revert_to_snapshot(self, ctxt, volume, snapshot):
        self._cast(ctxt, '1.5', 'revert_to_snapshot', volume['host'],
                   volume_id=volume['id'], snapshot_id=snapshot['id'])

    def reimage(self, ctxt, volume, image_id, image_metadata):
        self._cast(ctxt, '1.5', 'reimage', volume['host'],
                   volume_id=volume['id'], image_id=image_id,
                   image_metadata=image_metadata)

    def delete_snapshot(self, ctxt, volume, snapshot_id):
        self._cast(ctxt, '1.1', 'delete_snapshot', volume['host'],
                   volume_id=volume['id'], snapshot_id=snapshot_id)

    # --- connections (calls: the caller needs the answer) -----------------
    def initialize_connection(self, ctxt, volume, connector):
        """Connection info for `connector`: {'driver_volume_type', 'data'}."""
        return self._prepare('1.1', server=self._server(volume)).call(
            ctxt, 'initialize_connection', volume_id=volume['id'],
            connector=connector)

    def terminate_connection(self, ctxt, volume, connector, force=False):
        return self._prepare('1.1', server=self._server(volume)).call(
            ctxt, 'terminate_connection', volume_id=volume['id'],
            connector=connector, force=force)

    def attach_volume(self, ctxt, volume, instance_uuid, host_name,
                      mountpoint, mode):
        """The attachment record (the volume is in-use afterwards)."""
        return self._prepare('1.1', server=self._server(volume)).call(
            ctxt, 'attach_volume', volume_id=volume['id'],
            instance_uuid=instance_uuid, host_name=host_name,
            mountpoint=mountpoint, mode=mode)

    def detach_volume(self, ctxt, volume, attachment_id=None):
        return self._prepare('1.1', server=self._server(volume)).call(
            ctxt, 'detach_volume', volume_id=volume['id'],
            attachment_id=attachment_id)

    def attachment_update(self, ctxt, volume, connector, attachment_id):
        """Connection info for the attachment's connector, recorded on it."""
        return self._prepare('1.1', server=self._server(volume)).call(
            ctxt, 'attachment_update', volume_id=volume['id'],
            connector=connector, attachment_id=attachment_id)

    def attachment_delete(self, ctxt, volume, attachment_id):
        return self._prepare('1.1', server=self._server(volume)).call(
            ctxt, 'attachment_delete', volume_id=volume['id'],
            attachment_id=attachment_id)

    # --- admin (os-services, capabilities) --------------------------------
    def freeze_host(self, ctxt, host):
        """`host`: the backend (host@backend); True once frozen."""
        return self._prepare('1.4', server=host).call(ctxt, 'freeze_host')

    def thaw_host(self, ctxt, host):
        return self._prepare('1.4', server=host).call(ctxt, 'thaw_host')

    def get_capabilities(self, ctxt, host, discover=False):
        return self._prepare('1.4', server=host).call(
            ctxt, 'get_capabilities', discover=discover)

    def set_log_levels(self, ctxt, host, prefix, level):
        self._prepare('1.4', server=host).cast(
            ctxt, 'set_log_levels', prefix=prefix, level=level)

    def get_log_levels(self, ctxt, host, prefix):
        """{logger name: level name} of the backend's daemon."""
        return self._prepare('1.4', server=host).call(
            ctxt, 'get_log_levels', prefix=prefix)

    # --- existing backend objects (manage / unmanage) ----------------------
    def manage_existing(self, ctxt, volume, ref):
        self._cast(ctxt, '1.2', 'manage_existing', volume['host'],
                   volume_id=volume['id'], ref=ref)

    def manage_existing_snapshot(self, ctxt, volume, snapshot_id, ref):
        self._cast(ctxt, '1.2', 'manage_existing_snapshot', volume['host'],
                   snapshot_id=snapshot_id, ref=ref)

    def unmanage_volume(self, ctxt, volume):
        self._cast(ctxt, '1.2', 'unmanage_volume', volume['host'],
                   volume_id=volume['id'])

    def unmanage_snapshot(self, ctxt, volume, snapshot_id):
        self._cast(ctxt, '1.2', 'unmanage_snapshot', volume['host'],
                   snapshot_id=snapshot_id)

    def get_manageable_volumes(self, ctxt, backend, marker=None, limit=None,
                               offset=None, sort_keys=None, sort_dirs=None):
        """`backend`: host@backend."""
        return self._prepare('1.2', server=backend).call(
            ctxt, 'get_manageable_volumes', marker=marker, limit=limit,
            offset=offset, sort_keys=sort_keys, sort_dirs=sort_dirs)

    def get_manageable_snapshots(self, ctxt, backend, marker=None,
                                 limit=None, offset=None, sort_keys=None,
                                 sort_dirs=None):
        return self._prepare('1.2', server=backend).call(
            ctxt, 'get_manageable_snapshots', marker=marker, limit=limit,
            offset=offset, sort_keys=sort_keys, sort_dirs=sort_dirs)

    # --- generic volume groups (casts to the group's backend) -------------
    def create_group(self, ctxt, group):
        self._cast(ctxt, '1.3', 'create_group', group['host'],
                   group_id=group['id'])

    def delete_group(self, ctxt, group):
        self._cast(ctxt, '1.3', 'delete_group', group['host'],
                   group_id=group['id'])

    def update_group(self, ctxt, group, add_volumes, remove_volumes):
        self._cast(ctxt, '1.3', 'update_group', group['host'],
                   group_id=group['id'], add_volumes=add_volumes,
                   remove_volumes=remove_volumes)

    def create_group_from_src(self, ctxt, group, volume_ids):
        self._cast(ctxt, '1.3', 'create_group_from_src', group['host'],
                   group_id=group['id'], volume_ids=volume_ids)

    def create_group_snapshot(self, ctxt, group, group_snapshot):
        self._cast(ctxt, '1.3', 'create_group_snapshot', group['host'],
                   group_snapshot_id=group_snapshot['id'])

    def delete_group_snapshot(self, ctxt, group, group_snapshot):
        self._cast(ctxt, '1.3', 'delete_group_snapshot', group['host'],
                   group_snapshot_id=group_snapshot['id'])

    # --- 1.6: upload to image, retype, migration ---------------------------
    def copy_volume_to_image(self, ctxt, volume, image_id):
        self._cast(ctxt, '1.6', 'copy_volume_to_image', volume['host'],
                   volume_id=volume['id'], image_id=image_id)

    def retype(self, ctxt, volume, new_type_id, pool, migration_policy,
               reservations):
        """`pool`: where the new type lives (the volume's own backend:
        retype in place; another: migrate with on-demand)."""
        self._cast(ctxt, '1.6', 'retype', volume['host'],
                   volume_id=volume['id'], new_type_id=new_type_id,
                   pool=pool, migration_policy=migration_policy,
                   reservations=reservations)

    def migrate_volume(self, ctxt, volume, pool, force_host_copy):
        self._cast(ctxt, '1.6', 'migrate_volume', volume['host'],
                   volume_id=volume['id'], pool=pool,
                   force_host_copy=force_host_copy)

    def migrate_volume_completion(self, ctxt, volume, new_volume, error):
        """The id of the volume that holds the data afterwards."""
        return self._prepare('1.6', server=self._server(volume)).call(
            ctxt, 'migrate_volume_completion', volume_id=volume['id'],
            new_volume_id=new_volume['id'], error=error)

    def copy_file_to_volume(self, ctxt, volume, path):
        """Write the raw file `path` (on the caller's host, which is the
        destination's too: host-assisted migration) into `volume`."""
        return self._prepare('1.6', server=self._server(volume)).call(
            ctxt, 'copy_file_to_volume', volume_id=volume['id'], path=path)

