"""Tasks of volume_delete: mark error_deleting on failure, remove the
snapshots (cascade) and the volume from the backend, then the row."""
from stratus.common import flow_engine
from stratus.common import log
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volumes as db_volumes
from stratus.volume import states
from stratus.volume.tasks import volume_ref

LOG = log.getLogger(__name__)


class DeleteErrorOnRevertTask(flow_engine.StratusTask):
    """First task: on any failure the volume goes to error_deleting (it
    still holds its space and quota; delete may be retried).

    Revert: that status change."""

    def execute(self, volume):
        pass

    def revert(self, volume, flow_failures, **kwargs):
        if flow_engine.overtaken(flow_failures, LOG,
                                 'Volume %s' % volume['id']):
            return
        exc = next(iter(flow_failures.values())).exception
        LOG.error('Volume %s: delete failed: %s', volume['id'], exc)
        db_volumes.update(volume['id'], {'status': states.ERROR_DELETING})


class DeleteSnapshotsTask(flow_engine.StratusTask):
    """cascade: each snapshot goes from the backend, then its row.

    Revert: the snapshots left go to error_deleting."""

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, volume):
        for snapshot in db_snapshots.for_volume(volume['id']):
            self.driver.delete_snapshot(volume_ref.driver_snapshot(snapshot),
                                        volume_ref.driver_volume(volume))
            db_snapshots.destroy(snapshot['id'])
            LOG.info('Snapshot %s of volume %s deleted', snapshot['id'],
                     volume['id'])

    def revert(self, volume, result, **kwargs):
        for snapshot in db_snapshots.for_volume(volume['id']):
            db_snapshots.update(snapshot['id'],
                                {'status': states.SNAP_ERROR_DELETING})


class DeleteVolumeOnBackendTask(flow_engine.StratusTask):
    """driver.delete_volume (wipes as the backend is configured).

    Revert: nothing (a deletion cannot be undone)."""

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, volume):
        self.driver.delete_volume(volume_ref.driver_volume(volume))

    def revert(self, result, **kwargs):
        pass


class DestroyVolumeRecordTask(flow_engine.StratusTask):
    """The row is marked deleted; its quota is free with it (usage is
    counted from live rows).

    Revert: nothing (last step)."""

    def execute(self, volume):
        db_volumes.destroy(volume['id'])
        LOG.info('Volume %s deleted', volume['id'])

    def revert(self, result, **kwargs):
        pass
