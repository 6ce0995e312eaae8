"""Tasks of snapshot_create and snapshot_delete."""
from stratus.common import context
from stratus.common import exception
from stratus.common import flow_engine
from stratus.common import log
from stratus.db.api import snapshots as db_snapshots
from stratus.volume import messages
from stratus.volume import states
from stratus.volume.tasks import volume_ref

LOG = log.getLogger(__name__)


class SnapshotErrorOnRevertTask(flow_engine.StratusTask):
    """First task of snapshot_create: on failure the snapshot goes to
    error, its quota released, with a user message.

    Revert: that."""

    def execute(self, snapshot):
        pass

    def revert(self, ctxt, snapshot, flow_failures, **kwargs):
        if flow_engine.overtaken(flow_failures, LOG,
                                 'Snapshot %s' % snapshot['id']):
            return
        exc = next(iter(flow_failures.values())).exception
        LOG.error('Snapshot %s: create failed: %s', snapshot['id'], exc)
        db_snapshots.update(snapshot['id'], {'status': states.SNAP_ERROR,
                                             'use_quota': False})
        messages.record(context.RequestContext.from_dict(ctxt),
                        messages.SNAPSHOT_CREATE, snapshot['id'], exc,
                        snapshot['project_id'], resource_type='SNAPSHOT')


class CreateSnapshotOnBackendTask(flow_engine.StratusTask):
    """driver.create_snapshot.

    Revert: driver.delete_snapshot (a half-made one too)."""
    default_provides = 'model_update'

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, snapshot, volume):
        return self.driver.create_snapshot(
            volume_ref.driver_snapshot(snapshot),
            volume_ref.driver_volume(volume)) or {}

    def revert(self, snapshot, volume, result, **kwargs):
        self.driver.delete_snapshot(volume_ref.driver_snapshot(snapshot),
                                    volume_ref.driver_volume(volume))


class SaveSnapshotAvailableTask(flow_engine.StratusTask):
    """available, progress 100%.

    Revert: nothing (last step)."""

    def execute(self, snapshot, model_update):
        values = {'status': states.SNAP_AVAILABLE, 'progress': '100%'}
        values.update({k: v for k, v in (model_update or {}).items()
                       if k == 'provider_location'})
        if db_snapshots.update(snapshot['id'], values, expected={
                'status': states.SNAP_CREATING}) is None:
            raise exception.InvalidSnapshot(
                reason='snapshot %s stopped creating' % snapshot['id'])
        LOG.info('Snapshot %s of volume %s created', snapshot['id'],
                 snapshot['volume_id'])

    def revert(self, result, **kwargs):
        pass


class SnapshotDeleteErrorOnRevertTask(flow_engine.StratusTask):
    """First task of snapshot_delete: on failure error_deleting.

    Revert: that."""

    def execute(self, snapshot):
        pass

    def revert(self, snapshot, flow_failures, **kwargs):
        if flow_engine.overtaken(flow_failures, LOG,
                                 'Snapshot %s' % snapshot['id']):
            return
        exc = next(iter(flow_failures.values())).exception
        LOG.error('Snapshot %s: delete failed: %s', snapshot['id'], exc)
        db_snapshots.update(snapshot['id'],
                            {'status': states.SNAP_ERROR_DELETING})


class DeleteSnapshotOnBackendTask(flow_engine.StratusTask):
    """driver.delete_snapshot.

    Revert: nothing (a deletion cannot be undone)."""

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, snapshot, volume):
        self.driver.delete_snapshot(volume_ref.driver_snapshot(snapshot),
                                    volume_ref.driver_volume(volume))

    def revert(self, result, **kwargs):
        pass


class DestroySnapshotRecordTask(flow_engine.StratusTask):
    """The row is marked deleted (its quota free with it).

    Revert: nothing (last step)."""

    def execute(self, snapshot):
        db_snapshots.destroy(snapshot['id'])
        LOG.info('Snapshot %s deleted', snapshot['id'])

    def revert(self, result, **kwargs):
        pass
