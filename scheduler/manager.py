"""Scheduler RPC endpoint: host and backend selection (filters, weighers)."""
import oslo_messaging as messaging

from stratus.common import exception
from stratus.common import log_levels
from stratus.common import rpc
from stratus.scheduler import backend_checks
from stratus.scheduler import backend_scheduler
from stratus.scheduler import filter_scheduler
from stratus.scheduler import group_placement
from stratus.scheduler import pools
from stratus.scheduler import rpcapi
from stratus.scheduler import volume_moves


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

    @rpc.expected_exceptions(exception.NoValidHost)
    def select_destinations(self, ctxt, spec, consumer_uuids):
        return filter_scheduler.select_destinations(ctxt, spec,
                                                    consumer_uuids)

    def create_volume(self, ctxt, volume_id, request_spec,
                      filter_properties=None):
        from stratus.scheduler.flows import volume_create
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
