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
    VERSION = '1.2'
    HISTORY = (
        '1.0 initial: no methods yet (volumes arrive with block storage)',
        '1.1 create_volume, delete_volume, extend_volume, create_snapshot, '
        'delete_snapshot, initialize_connection, terminate_connection, '
        'attach_volume, detach_volume, attachment_update, '
        'attachment_delete',
        '1.2 copy_volume_to_image, retype, migrate_volume, '
        'migrate_volume_completion, copy_file_to_volume, reimage',
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

    # --- 1.2: upload to image, retype, migration ---------------------------
    def copy_volume_to_image(self, ctxt, volume, image_id):
        self._cast(ctxt, '1.2', 'copy_volume_to_image', volume['host'],
                   volume_id=volume['id'], image_id=image_id)

    def retype(self, ctxt, volume, new_type_id, pool, migration_policy,
               reservations):
        """`pool`: where the new type lives (the volume's own backend:
        retype in place; another: migrate with on-demand)."""
        self._cast(ctxt, '1.2', 'retype', volume['host'],
                   volume_id=volume['id'], new_type_id=new_type_id,
                   pool=pool, migration_policy=migration_policy,
                   reservations=reservations)

    def migrate_volume(self, ctxt, volume, pool, force_host_copy):
        self._cast(ctxt, '1.2', 'migrate_volume', volume['host'],
                   volume_id=volume['id'], pool=pool,
                   force_host_copy=force_host_copy)

    def migrate_volume_completion(self, ctxt, volume, new_volume, error):
        """The id of the volume that holds the data afterwards."""
        return self._prepare('1.2', server=self._server(volume)).call(
            ctxt, 'migrate_volume_completion', volume_id=volume['id'],
            new_volume_id=new_volume['id'], error=error)

    def copy_file_to_volume(self, ctxt, volume, path):
        """Write the raw file `path` (on the caller's host, which is the
        destination's too: host-assisted migration) into `volume`."""
        return self._prepare('1.2', server=self._server(volume)).call(
            ctxt, 'copy_file_to_volume', volume_id=volume['id'], path=path)

    def reimage(self, ctxt, volume, image_id):
        self._cast(ctxt, '1.2', 'reimage', volume['host'],
                   volume_id=volume['id'], image_id=image_id)
