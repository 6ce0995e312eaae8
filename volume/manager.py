"""Volume RPC endpoint for one backend: each method runs its operation's
flow (or, for the attach calls, one function of volume.connection), and
the backend's capacity is reported at start and periodically."""
import importlib

import oslo_messaging as messaging

from stratus.common import exception
from stratus.common import log
from stratus.common import log_levels
from stratus.common import periodic
from stratus.common import rpc
from stratus.common.conf import CONF
from stratus.db.api import backend_pools
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volumes as db_volumes
from stratus.volume import admin_ops
from stratus.volume import connection
from stratus.volume import manage_manager
from stratus.volume import reconcile
from stratus.volume import rpcapi
from stratus.volume import states
from stratus.volume import worker

LOG = log.getLogger(__name__)
_EXPECTED = (exception.VolumeNotFound, exception.InvalidVolume,
             exception.VolumeAttachmentNotFound, exception.Invalid,
             exception.VolumeBackendAPIException)


class VolumeManager:
    target = messaging.Target(version=rpcapi.VolumeRPCClient.VERSION)

    def __init__(self, host, driver, scheduler_rpc=None):
        self.host = host            # host@backend
        self.driver = driver
        self._scheduler_rpc = scheduler_rpc

    @property
    def scheduler_rpc(self):
        if self._scheduler_rpc is None:
            from stratus.scheduler import rpcapi as scheduler_rpcapi
            self._scheduler_rpc = scheduler_rpcapi.SchedulerRPCClient()
        return self._scheduler_rpc

    def init_host(self, ctxt):
        self.driver.do_setup()
        self.driver.check_for_setup_error()
        stats = self.report_capabilities(ctxt)
        for pool in stats['pools']:
            LOG.info('Backend %s pool %s: %s GiB total, %s GiB free',
                     self.host, pool['pool_name'], pool['total_capacity_gb'],
                     pool['free_capacity_gb'])
        reconcile.recover(ctxt, self.host, self)

    # --- capacity reports ----------------------------------------------------
    @periodic.task(lambda: CONF.backend_stats_polling_interval)
    def report_capabilities(self, ctxt):
        """The driver's stats into backend_pools, where the scheduler and
        get_pools read them."""
        stats = self.driver.get_volume_stats(refresh=True)
        backend_pools.report(self.host, stats)
        return stats

    # --- running flows -------------------------------------------------------
    @staticmethod
    def _flows(name):
        """volume/flows/manager/<name>.py, imported on first use: a backend
        at rest does not carry TaskFlow (and networkx)."""
        return importlib.import_module('stratus.volume.flows.manager.' + name)

    def _run(self, ctxt, flow, what, shape=None, **store):
        """With `shape`, `flow` builds the flow, and its engine is reused
        between runs of the same shape."""
        from stratus.common import flow_engine
        store['ctxt'] = ctxt.to_dict()
        key = None
        if shape is not None:
            key = (self.driver, self.host, self.scheduler_rpc, shape)
        try:
            flow_engine.run(flow, store, key=key)
        except Exception as exc:
            # The flow's first task has recorded the outcome.
            if flow_engine.disappeared(exc):
                LOG.info('%s ended early, deleted meanwhile: %s', what, exc)
            else:
                LOG.error('%s failed: %s', what, exc)
            return False
        return True

    def create_volume(self, ctxt, volume_id, request_spec,
                      filter_properties=None):
        if worker.claim(volume_id, states.CREATING, self.host) is None:
            return
        filter_properties = filter_properties or {}
        flows = self._flows('create')
        try:
            self._run(ctxt, lambda: flows.get_flow(
                self.driver, self.host, self.scheduler_rpc, request_spec,
                filter_properties), 'Create of volume %s' % volume_id,
                shape=flows.shape(request_spec, filter_properties),
                volume_id=volume_id, request_spec=request_spec,
                filter_properties=filter_properties)
        finally:
            self._release(volume_id)

    def _release(self, volume_id):
        # The claimed row as it was claimed: a reschedule moved it off
        # this backend (host changed), and another's claim stays.
        try:
            volume = db_volumes.get(volume_id)
        except exception.VolumeNotFound:
            return
        # The flow's last save clears the claim itself (available, error):
        # a write here only when it could not.
        if volume['worker_status'] is not None and \
                (volume['host'] or '').startswith(self.host + '#'):
            worker.release(volume)

    def delete_volume(self, ctxt, volume_id, cascade=False):
        # Freed space shows at the next report: until then the scheduler
        # counts it as taken, which errs on the safe side.
        try:
            volume = db_volumes.get(volume_id)
        except exception.VolumeNotFound:
            # A delete delivered again after it finished.
            LOG.info('Volume %s is already deleted', volume_id)
            return
        if volume['status'] != states.DELETING:
            LOG.info('Volume %s is %s, not deleting; nothing to do',
                     volume_id, volume['status'])
            return
        self._run(ctxt,
                  self._flows('delete').get_flow(self.driver, cascade),
                  'Delete of volume %s' % volume_id, volume=volume)

    def extend_volume(self, ctxt, volume_id, new_size, reservations):
        volume = worker.claim(volume_id, states.EXTENDING, self.host)
        if volume is None:
            return
        flow = self._flows('extend').get_flow(self.driver)
        try:
            done = self._run(ctxt, flow, 'Extend of volume %s' % volume_id,
                             volume=volume, new_size=new_size,
                             reservations=reservations or [])
        finally:
            self._release(volume_id)
        if done:
            self._refresh(ctxt)
            from stratus.volume import extend_notify
            extend_notify.volume_extended(ctxt, volume_id)

    def create_snapshot(self, ctxt, volume_id, snapshot_id):
        self._run(ctxt,
                  self._flows('snapshot_create').get_flow(self.driver),
                  'Snapshot %s' % snapshot_id,
                  volume=db_volumes.get(volume_id),
                  snapshot=db_snapshots.get(snapshot_id))

    def revert_to_snapshot(self, ctxt, volume_id, snapshot_id):
        volume = worker.claim(volume_id, states.REVERTING, self.host)
        if volume is None:
            return
        try:
            self._run(ctxt, self._flows('revert').get_flow(self.driver),
                      'Revert of volume %s to snapshot %s' % (volume_id,
                                                              snapshot_id),
                      volume=volume, snapshot=db_snapshots.get(snapshot_id))
        finally:
            self._release(volume_id)

    def reimage(self, ctxt, volume_id, image_id, image_metadata):
        if self._run(ctxt, self._flows('reimage').get_flow(self.driver),
                     'Re-image of volume %s' % volume_id,
                     volume=db_volumes.get(volume_id), image_id=image_id,
                     image_metadata=image_metadata):
            from stratus.volume import reimage_notify
            reimage_notify.volume_reimaged(ctxt, volume_id)

    def delete_snapshot(self, ctxt, volume_id, snapshot_id):
        self._run(ctxt,
                  self._flows('snapshot_delete').get_flow(self.driver),
                  'Delete of snapshot %s' % snapshot_id,
                  volume=db_volumes.get(volume_id),
                  snapshot=db_snapshots.get(snapshot_id))

    def _refresh(self, ctxt):
        """A report after a change the scheduler cannot infer (space freed
        or grown); failing it only leaves the old report for a while."""
        try:
            self.report_capabilities(ctxt)
        except Exception as exc:
            LOG.warning('Capacity report of %s failed: %s', self.host, exc)

    # --- attach (calls) ------------------------------------------------------
    @rpc.expected_exceptions(*_EXPECTED)
    def initialize_connection(self, ctxt, volume_id, connector):
        return connection.initialize_connection(self.driver, volume_id,
                                                connector)

    @rpc.expected_exceptions(*_EXPECTED)
    def terminate_connection(self, ctxt, volume_id, connector, force=False):
        return connection.terminate_connection(self.driver, volume_id,
                                               connector, force)

    @rpc.expected_exceptions(*_EXPECTED)
    def attach_volume(self, ctxt, volume_id, instance_uuid, host_name,
                      mountpoint, mode):
        return connection.attach(volume_id, instance_uuid, host_name,
                                 mountpoint, mode)

    @rpc.expected_exceptions(*_EXPECTED)
    def detach_volume(self, ctxt, volume_id, attachment_id=None):
        return connection.detach(volume_id, attachment_id)

    @rpc.expected_exceptions(*_EXPECTED)
    def attachment_update(self, ctxt, volume_id, connector, attachment_id):
        return connection.attachment_update(self.driver, volume_id,
                                            connector, attachment_id)

    @rpc.expected_exceptions(*_EXPECTED)
    def attachment_delete(self, ctxt, volume_id, attachment_id):
        return connection.attachment_delete(self.driver, volume_id,
                                            attachment_id)

    # --- admin (1.4) ---------------------------------------------------------
    @rpc.expected_exceptions(exception.NotFound)
    def freeze_host(self, ctxt):
        return admin_ops.freeze(self.host)

    @rpc.expected_exceptions(exception.NotFound)
    def thaw_host(self, ctxt):
        return admin_ops.thaw(self.host)

    def get_capabilities(self, ctxt, discover=False):
        return admin_ops.capabilities(self.driver)

    def set_log_levels(self, ctxt, prefix, level):
        log_levels.set_levels(prefix, level)

    def get_log_levels(self, ctxt, prefix):
        return log_levels.get_levels(prefix)

    # --- existing backend objects (stratus.volume.manage_manager) -----------
    def manage_existing(self, ctxt, volume_id, ref):
        manage_manager.manage_volume(self.driver, volume_id, ref)
        self._refresh(ctxt)

    def manage_existing_snapshot(self, ctxt, snapshot_id, ref):
        manage_manager.manage_snapshot(self.driver, snapshot_id, ref)

    def unmanage_volume(self, ctxt, volume_id):
        manage_manager.unmanage_volume(self.driver, volume_id)
        self._refresh(ctxt)

    def unmanage_snapshot(self, ctxt, snapshot_id):
        manage_manager.unmanage_snapshot(self.driver, snapshot_id)

    @rpc.expected_exceptions(*_EXPECTED)
    def get_manageable_volumes(self, ctxt, marker=None, limit=None,
                               offset=None, sort_keys=None, sort_dirs=None):
        return manage_manager.manageable_volumes(
            self.driver, self.host, marker, limit, offset, sort_keys,
            sort_dirs)

    @rpc.expected_exceptions(*_EXPECTED)
    def get_manageable_snapshots(self, ctxt, marker=None, limit=None,
                                 offset=None, sort_keys=None,
                                 sort_dirs=None):
        return manage_manager.manageable_snapshots(
            self.driver, self.host, marker, limit, offset, sort_keys,
            sort_dirs)

    # --- generic volume groups (casts, RPC 1.3; volume/manager_groups.py) ---
    def create_group(self, ctxt, group_id):
        from stratus.volume import manager_groups
        manager_groups.create_group(self, ctxt, group_id)

    def delete_group(self, ctxt, group_id):
        from stratus.volume import manager_groups
        manager_groups.delete_group(self, ctxt, group_id)
        self._refresh(ctxt)

    def update_group(self, ctxt, group_id, add_volumes=None,
                     remove_volumes=None):
        from stratus.volume import manager_groups
        manager_groups.update_group(self, ctxt, group_id, add_volumes,
                                    remove_volumes)

    def create_group_from_src(self, ctxt, group_id, volume_ids):
        from stratus.volume import manager_groups
        manager_groups.create_group_from_src(self, ctxt, group_id,
                                             volume_ids)

    def create_group_snapshot(self, ctxt, group_snapshot_id):
        from stratus.volume import manager_groups
        manager_groups.create_group_snapshot(self, ctxt, group_snapshot_id)

    def delete_group_snapshot(self, ctxt, group_snapshot_id):
        from stratus.volume import manager_groups
        manager_groups.delete_group_snapshot(self, ctxt, group_snapshot_id)

    # --- 1.6: upload to image, retype, migration (volume/upload.py,
    # volume/retype.py, volume/migrate.py) -----------------------------------
    def copy_volume_to_image(self, ctxt, volume_id, image_id):
        from stratus.volume import upload
        try:
            upload.copy_volume_to_image(ctxt, self.driver, volume_id,
                                        image_id)
        except Exception as exc:
            upload.record_failure(ctxt, volume_id, exc)

    def retype(self, ctxt, volume_id, new_type_id, pool, migration_policy,
               reservations=None):
        from stratus.volume import retype
        retype.retype(self, ctxt, volume_id, new_type_id, pool,
                      migration_policy, reservations or [])

    def migrate_volume(self, ctxt, volume_id, pool, force_host_copy=False):
        from stratus.volume import migrate
        migrate.migrate_volume(self, ctxt, volume_id, pool)

    @rpc.expected_exceptions(*_EXPECTED)
    def migrate_volume_completion(self, ctxt, volume_id, new_volume_id,
                                  error=False):
        from stratus.volume import migrate
        return migrate.complete(self, ctxt, volume_id, new_volume_id, error)

    @rpc.expected_exceptions(*_EXPECTED)
    def copy_file_to_volume(self, ctxt, volume_id, path):
        from stratus.volume import migrate
        migrate.write_file(self.driver, volume_id, path)

    @property
    def volume_rpc(self):
        """A migration's source asks the destination backend to create
        and fill the new volume."""
        if getattr(self, '_volume_rpc', None) is None:
            self._volume_rpc = rpcapi.VolumeRPCClient()
        return self._volume_rpc
