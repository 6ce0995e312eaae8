"""Tasks of volume_reimage (3.68): write an image over the volume's data,
then give the volume back the status it had (available, error or
reserved), bootable and with the new image's volume_image_metadata."""
from stratus.common import exception
from stratus.common import flow_engine
from stratus.common import log
from stratus.db.api import volumes as db_volumes
from stratus.volume import states
from stratus.volume.tasks import create
from stratus.volume.tasks import volume_ref

LOG = log.getLogger(__name__)


class ReimageErrorOnRevertTask(flow_engine.StratusTask):
    """First task: on failure the volume goes to error (its data is half
    written).

    Revert: that."""

    def execute(self, volume):
        pass

    def revert(self, volume, image_id, flow_failures, **kwargs):
        if flow_engine.overtaken(flow_failures, LOG,
                                 'Volume %s' % volume['id']):
            return
        exc = next(iter(flow_failures.values())).exception
        LOG.error('Failed to re-image volume %s with image %s: %s',
                  volume['id'], image_id, exc)
        db_volumes.update(volume['id'], {
            'status': states.ERROR, 'previous_status': states.DOWNLOADING},
            expected={'status': states.DOWNLOADING})


class WriteImageTask(flow_engine.StratusTask):
    """The image downloaded and written into the volume by the driver.

    Revert: nothing (the first task marks the volume error)."""

    def __init__(self, driver, image_client_factory=None):
        super().__init__()
        self.driver = driver
        self.image_client_factory = image_client_factory

    def execute(self, ctxt, volume, image_id):
        factory = self.image_client_factory or create.image_client
        create.write_image(self.driver, factory(ctxt),
                           volume_ref.driver_volume(volume), image_id)

    def revert(self, result, **kwargs):
        pass


class SaveReimagedTask(flow_engine.StratusTask):
    """The status it had before, bootable, the new image metadata.

    Revert: nothing (last step)."""

    def execute(self, volume, image_id, image_metadata):
        restored = volume.get('previous_status') or states.AVAILABLE
        if db_volumes.update(volume['id'], {
                'status': restored, 'previous_status': None,
                'bootable': True, 'image_metadata': image_metadata},
                expected={'status': states.DOWNLOADING}) is None:
            raise exception.InvalidVolume(
                reason='volume %s stopped downloading' % volume['id'])
        LOG.info('Re-imaged volume %s with image %s', volume['id'], image_id)

    def revert(self, result, **kwargs):
        pass
