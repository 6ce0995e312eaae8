"""Tasks of volume_extend: grow the volume on its backend, then record the
new size and give the volume back its status."""
from stratus.common import context
from stratus.common import exception
from stratus.common import flow_engine
from stratus.common import log
from stratus.db.api import volume_quotas
from stratus.db.api import volumes as db_volumes
from stratus.volume import messages
from stratus.volume import states
from stratus.volume.tasks import volume_ref

LOG = log.getLogger(__name__)


class ExtendErrorOnRevertTask(flow_engine.StratusTask):
    """First task: on failure error_extending, the reserved gigabytes go
    back and the owner gets cinder's message ('extend volume:Volume
    Driver failed to extend volume.').

    Revert: those three."""

    def execute(self, volume):
        pass

    def revert(self, ctxt, volume, reservations, flow_failures, **kwargs):
        if flow_engine.overtaken(flow_failures, LOG,
                                 'Volume %s' % volume['id']):
            volume_quotas.rollback(reservations)
            return
        exc = next(iter(flow_failures.values())).exception
        LOG.error('Volume %s: extend failed: %s', volume['id'], exc)
        messages.record(context.RequestContext.from_dict(ctxt),
                        messages.EXTEND_VOLUME, volume['id'], exc,
                        volume['project_id'],
                        detail=messages.DRIVER_FAILED_EXTEND)
        db_volumes.update(volume['id'], {'status': states.ERROR_EXTENDING})
        volume_quotas.rollback(reservations)


class ExtendVolumeOnBackendTask(flow_engine.StratusTask):
    """driver.extend_volume.

    Revert: nothing (volumes do not shrink)."""

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, volume, new_size):
        self.driver.extend_volume(volume_ref.driver_volume(volume), new_size)

    def revert(self, result, **kwargs):
        pass


class SaveExtendedVolumeTask(flow_engine.StratusTask):
    """The new size, the status it had (available or in-use), the
    reservation committed (the larger row counts now).

    Revert: nothing (last step)."""

    def execute(self, volume, new_size, reservations):
        restored = volume.get('previous_status') or states.AVAILABLE
        if db_volumes.update(volume['id'], {
                'size': new_size, 'status': restored,
                'previous_status': None, 'worker_status': None},
                expected={'status': states.EXTENDING}) is None:
            raise exception.InvalidVolume(
                reason='volume %s stopped extending' % volume['id'])
        volume_quotas.commit(reservations)
        LOG.info('Volume %s extended to %s GiB', volume['id'], new_size)

    def revert(self, result, **kwargs):
        pass
