"""Tasks of volume_revert: copy the snapshot's data back onto the volume,
then give both their statuses back (cinder: reverting -> available,
restoring -> available; on failure the volume is error)."""
from stratus.common import exception
from stratus.common import flow_engine
from stratus.common import log
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volumes as db_volumes
from stratus.volume import states
from stratus.volume.tasks import volume_ref

LOG = log.getLogger(__name__)


class RevertErrorOnRevertTask(flow_engine.StratusTask):
    """First task: on failure the volume goes to error (its data may be
    half copied) and the snapshot back to available.

    Revert: those two."""

    def execute(self, volume, snapshot):
        pass

    def revert(self, volume, snapshot, flow_failures, **kwargs):
        if flow_engine.overtaken(flow_failures, LOG,
                                 'Volume %s' % volume['id']):
            return
        exc = next(iter(flow_failures.values())).exception
        LOG.error('Volume %s revert to snapshot %s failed with %s.',
                  volume['id'], snapshot['id'], exc)
        db_volumes.update(volume['id'], {'status': states.ERROR},
                          expected={'status': states.REVERTING})
        db_snapshots.update(snapshot['id'],
                            {'status': states.SNAP_AVAILABLE},
                            expected={'status': states.SNAP_RESTORING})


class RevertOnBackendTask(flow_engine.StratusTask):
    """driver.revert_to_snapshot.

    Revert: nothing (the first task marks the volume error)."""

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, volume, snapshot):
        self.driver.revert_to_snapshot(
            volume_ref.driver_volume(volume),
            volume_ref.driver_snapshot(snapshot))

    def revert(self, result, **kwargs):
        pass


class SaveRevertedTask(flow_engine.StratusTask):
    """Both rows back to available.

    Revert: nothing (last step)."""

    def execute(self, volume, snapshot):
        if db_volumes.update(volume['id'], {'status': states.AVAILABLE,
                                            'worker_status': None},
                             expected={'status': states.REVERTING}) is None:
            raise exception.InvalidVolume(
                reason='Revert finished, but failed to reset volume %s '
                       'status to available, please manually reset it.'
                       % volume['id'])
        db_snapshots.update(snapshot['id'],
                            {'status': states.SNAP_AVAILABLE},
                            expected={'status': states.SNAP_RESTORING})
        LOG.info('Volume %s reverted to snapshot %s successfully.',
                 volume['id'], snapshot['id'])

    def revert(self, result, **kwargs):
        pass
