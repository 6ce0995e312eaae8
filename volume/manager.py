"""Volume RPC endpoint for one backend: each method runs its operation's
flow (or, for the attach calls, one function of volume.connection), and
the backend's capacity is reported at start and periodically."""
import importlib

import oslo_messaging as messaging

from stratus.common import exception
from stratus.common import log
from stratus.common import periodic
from stratus.common import rpc
from stratus.common.conf import CONF
from stratus.db.api import backend_pools
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volumes as db_volumes
from stratus.volume import connection
from stratus.volume import reconcile
from stratus.volume import rpcapi

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
            LOG.error('%s failed: %s', what, exc)
            return False
        return True

    def create_volume(self, ctxt, volume_id, request_spec,
                      filter_properties=None):
        filter_properties = filter_properties or {}
        flows = self._flows('create')
        self._run(ctxt, lambda: flows.get_flow(
            self.driver, self.host, self.scheduler_rpc, request_spec,
            filter_properties), 'Create of volume %s' % volume_id,
            shape=flows.shape(request_spec, filter_properties),
            volume_id=volume_id, request_spec=request_spec,
            filter_properties=filter_properties)

    def delete_volume(self, ctxt, volume_id, cascade=False):
        # Freed space shows at the next report: until then the scheduler
        # counts it as taken, which errs on the safe side.
        self._run(ctxt,
                  self._flows('delete').get_flow(self.driver, cascade),
                  'Delete of volume %s' % volume_id,
                  volume=db_volumes.get(volume_id))

    def extend_volume(self, ctxt, volume_id, new_size, reservations):
        volume = db_volumes.get(volume_id)
        flow = self._flows('extend').get_flow(self.driver)
        if self._run(ctxt, flow, 'Extend of volume %s' % volume_id,
                     volume=volume, new_size=new_size,
                     reservations=reservations or []):
            self._refresh(ctxt)

    def create_snapshot(self, ctxt, volume_id, snapshot_id):
        self._run(ctxt,
                  self._flows('snapshot_create').get_flow(self.driver),
                  'Snapshot %s' % snapshot_id,
                  volume=db_volumes.get(volume_id),
                  snapshot=db_snapshots.get(snapshot_id))

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

    # --- 1.2: upload to image, retype, migration (volume/upload.py,
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

    def reimage(self, ctxt, volume_id, image_id):
        from stratus.volume import reimage
        reimage.reimage(ctxt, self.driver, volume_id, image_id)

    @property
    def volume_rpc(self):
        """A migration's source asks the destination backend to create
        and fill the new volume."""
        if getattr(self, '_volume_rpc', None) is None:
            self._volume_rpc = rpcapi.VolumeRPCClient()
        return self._volume_rpc
