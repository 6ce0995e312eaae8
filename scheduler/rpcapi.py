"""Client side of the scheduler RPC API (topic ``scheduler``)."""
from stratus.common import rpc


class SchedulerRPCClient(rpc.RPCClientBase):
    TOPIC = 'scheduler'
    VERSION = '1.6'
    HISTORY = (
        '1.0 initial: no methods yet (placement arrives with compute)',
        '1.1 add select_destinations',
        '1.2 add create_volume',
        '1.3 skipped (1.4 followed 1.2; nothing was added at 1.3)',
        '1.4 add set_log_levels, get_log_levels (os-services get-log and '
        'set-log)',
        '1.5 add migrate_volume, retype, create_group, '
        'validate_host_capacity (placement of existing volumes and of '
        'groups, as cinder\'s scheduler)',
        '1.6 add extend_volume, create_snapshot, get_pools, '
        'manage_existing, manage_existing_snapshot (the volume\'s backend '
        'checked for room, and the pools answered by the scheduler, as '
        'cinder\'s)',
    )

    def select_destinations(self, ctxt, spec, consumer_uuids):
        """[{'host', 'node', 'availability_zone'}] per consumer uuid, each
        with its allocation written; raises NoValidHost (a
        ``NoValidHost_Remote`` subclass, with ``details``) when one fits
        nowhere. `spec` comes from scheduler.request_spec.build()."""
        return self._prepare('1.1').call(ctxt, 'select_destinations',
                                         spec=spec,
                                         consumer_uuids=list(consumer_uuids))

    def create_volume(self, ctxt, volume_id, request_spec,
                      filter_properties=None):
        """Place the volume on a backend pool (flow volume_create_scheduler)
        and cast create_volume to it; a volume that fits nowhere goes to
        error with a user message. `request_spec` comes from
        stratus.volume.flows.api.create; `filter_properties` carries the
        retry state of a reschedule."""
        self._prepare('1.2').cast(ctxt, 'create_volume', volume_id=volume_id,
                                  request_spec=request_spec,
                                  filter_properties=filter_properties or {})

    def set_log_levels(self, ctxt, host, prefix, level):
        """`host`: the scheduler's service host."""
        self._prepare('1.4', server=host).cast(
            ctxt, 'set_log_levels', prefix=prefix, level=level)

    def get_log_levels(self, ctxt, host, prefix):
        return self._prepare('1.4', server=host).call(
            ctxt, 'get_log_levels', prefix=prefix)

    def migrate_volume(self, ctxt, volume, host, force_copy):
        """Check that `host` (host@backend[#pool]) passes the filters for
        the volume (migration_status already 'starting') and cast
        migrate_volume to its backend; otherwise migration_status error
        and a user message."""
        self._prepare('1.5').cast(ctxt, 'migrate_volume',
                                  volume_id=volume['id'], host=host,
                                  force_copy=force_copy)

    def retype(self, ctxt, volume, new_type_id, migration_policy,
               reservations):
        """Find the pool for the new type (the volume's own, or with
        on-demand another) and cast retype to the volume's backend;
        otherwise the volume's previous status back, `reservations`
        released and a user message."""
        self._prepare('1.5').cast(ctxt, 'retype', volume_id=volume['id'],
                                  new_type_id=new_type_id,
                                  migration_policy=migration_policy,
                                  reservations=reservations)

    def create_group(self, ctxt, group):
        """Place the creating group and cast create_group to its backend;
        otherwise the group goes to error."""
        self._prepare('1.5').cast(ctxt, 'create_group', group_id=group['id'])

    def validate_host_capacity(self, ctxt, backend, request_spec):
        """Whether `backend` (host@backend) can take request_spec's
        {'size', 'availability_zone'}."""
        return self._prepare('1.5').call(ctxt, 'validate_host_capacity',
                                         backend=backend,
                                         request_spec=request_spec)

    def extend_volume(self, ctxt, volume, new_size, reservations):
        """Check that the volume's backend has room for new_size and cast
        extend_volume to it; otherwise quota rollback, previous status
        back and a user message (extend volume)."""
        self._prepare('1.6').cast(ctxt, 'extend_volume',
                                  volume_id=volume['id'], new_size=new_size,
                                  reservations=reservations)

    def create_snapshot(self, ctxt, volume, snapshot_id):
        """Check that the volume's backend has room for a copy of it and
        cast create_snapshot to it; otherwise the snapshot goes to
        error."""
        self._prepare('1.6').cast(ctxt, 'create_snapshot',
                                  volume_id=volume['id'],
                                  snapshot_id=snapshot_id)

    def get_pools(self, ctxt, filters=None):
        """[{'name', 'capabilities'}] of the reported pools matching
        `filters` (name, volume_type, or capability values)."""
        return self._prepare('1.6').call(ctxt, 'get_pools',
                                         filters=filters or {})

    def manage_existing(self, ctxt, volume, ref):
        """Check that the volume's named backend (or pool) passes the
        filters, give the volume the pool and cast manage_existing to it;
        otherwise error_managing."""
        self._prepare('1.6').cast(ctxt, 'manage_existing',
                                  volume_id=volume['id'], ref=ref)

    def manage_existing_snapshot(self, ctxt, volume, snapshot_id, ref):
        """As create_snapshot, then manage_existing_snapshot cast to the
        volume's backend."""
        self._prepare('1.6').cast(ctxt, 'manage_existing_snapshot',
                                  volume_id=volume['id'],
                                  snapshot_id=snapshot_id, ref=ref)
