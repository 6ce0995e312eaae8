"""Scheduler RPC endpoint: host and backend selection (filters, weighers)."""
import oslo_messaging as messaging

from stratus.common import exception
from stratus.common import log
from stratus.common import log_levels
from stratus.common import rpc
from stratus.scheduler import backend_checks
from stratus.scheduler import backend_scheduler
from stratus.scheduler import claims_recovery
from stratus.scheduler import filter_scheduler
from stratus.scheduler import group_placement
from stratus.scheduler import pools
from stratus.scheduler import rpcapi
from stratus.scheduler import volume_moves


LOG = log.getLogger(__name__)


class SchedulerManager:
    target = messaging.Target(version=rpcapi.SchedulerRPCClient.VERSION)

    def __init__(self):
        filter_scheduler.check_config()
        backend_scheduler.check_config()
        self._volume_rpc = None

    @property
    def volume_rpc(self):
        if self._volume_rpc is None:
            from stratus.volume import rpcapi as volume_rpcapi
            self._volume_rpc = volume_rpcapi.VolumeRPCClient()
        return self._volume_rpc

    def init_host(self, ctxt):
        claims_recovery.release_orphans()
        from stratus.scheduler import volume_recovery
        volume_recovery.place_unplaced(self.volume_rpc)

    @rpc.expected_exceptions(exception.NoValidHost)
    def select_destinations(self, ctxt, spec, consumer_uuids):
        gone = claims_recovery.not_waiting(
            consumer_uuids or [spec.get('instance_uuid')])
        if gone:
            # A request delivered again after its asker gave up.
            raise exception.NoValidHost(
                reason='servers %s no longer wait for a host' %
                ', '.join(gone))
        return filter_scheduler.select_destinations(ctxt, spec,
                                                    consumer_uuids)

    def create_volume(self, ctxt, volume_id, request_spec,
                      filter_properties=None):
        from stratus.scheduler.flows import volume_create
        if not _still_to_place(ctxt, volume_id, request_spec,
                               filter_properties, self.volume_rpc):
            return
        volume_create.run(ctxt, volume_id, request_spec, filter_properties,
                          self.volume_rpc)

    def set_log_levels(self, ctxt, prefix, level):
        log_levels.set_levels(prefix, level)

    def get_log_levels(self, ctxt, prefix):
        return log_levels.get_levels(prefix)

    # --- 1.5: existing volumes and groups (logic in volume_moves and
    # group_placement) ------------------------------------------------------
    def migrate_volume(self, ctxt, volume_id, host, force_copy=False):
        volume_moves.migrate(ctxt, volume_id, host, force_copy,
                             self.volume_rpc)

    def retype(self, ctxt, volume_id, new_type_id, migration_policy=None,
               reservations=None):
        volume_moves.retype(ctxt, volume_id, new_type_id, migration_policy,
                            reservations, self.volume_rpc)

    def create_group(self, ctxt, group_id):
        group_placement.create_group(ctxt, group_id, self.volume_rpc)

    def validate_host_capacity(self, ctxt, backend, request_spec):
        return group_placement.validate_host_capacity(backend, request_spec)

    # --- 1.6: room on the volume's own backend (backend_checks), pools --
    def extend_volume(self, ctxt, volume_id, new_size, reservations=None):
        backend_checks.extend(ctxt, volume_id, new_size, reservations,
                              self.volume_rpc)

    def create_snapshot(self, ctxt, volume_id, snapshot_id):
        backend_checks.create_snapshot(ctxt, volume_id, snapshot_id,
                                       self.volume_rpc)

    @rpc.expected_exceptions(exception.VolumeTypeNotFound)
    def get_pools(self, ctxt, filters=None):
        return pools.get_pools(filters or {})

    def manage_existing(self, ctxt, volume_id, ref):
        backend_checks.manage_existing(ctxt, volume_id, ref, self.volume_rpc)

    def manage_existing_snapshot(self, ctxt, volume_id, snapshot_id, ref):
        backend_checks.manage_existing_snapshot(ctxt, volume_id, snapshot_id,
                                                ref, self.volume_rpc)


def _still_to_place(ctxt, volume_id, request_spec, filter_properties,
                    volume_rpc):
    """A create delivered again (the scheduler died before acknowledging
    it) places nothing twice: a volume already placed whose backend has not
    started it is cast there again (the backend runs a create once, see
    volume.worker); one started, finished or failed is left alone."""
    from stratus.db.api import volumes as db_volumes
    try:
        volume = db_volumes.get(volume_id)
    except exception.VolumeNotFound:
        return False
    if volume['status'] != 'creating':
        LOG.info('Volume %s is %s; its create request has nothing to do',
                 volume_id, volume['status'])
        return False
    if not volume['host']:
        return True
    if volume['worker_status'] is None:
        LOG.info('Volume %s was placed on %s; casting its create there '
                 'again (it runs once)', volume_id, volume['host'])
        volume_rpc.create_volume(ctxt, volume_id, volume['host'],
                                 request_spec, filter_properties or {})
    return False
