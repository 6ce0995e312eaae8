"""Tasks that move images: snapshot uploads, shelved-image clean-up.

The compute talks to the image service over its REST API with the
requesting user's token (compute has no database)."""
import os
import tempfile

from stratus.common import exception
from stratus.common import flow_engine
from stratus.common import log
from stratus.common.conf import CONF

LOG = log.getLogger(__name__)


def client_for(ctxt):
    # Imported on first use: requests costs ~5 MiB a compute at rest
    # does not need.
    from stratus.common import image_client
    return image_client.ImageClient(
        CONF.glance.api_servers[0], ctxt['auth_token'],
        global_request_id=ctxt.get('request_id'))


class DeleteImageOnRevertTask(flow_engine.StratusTask):
    """Holds the image the API created for this snapshot; if the flow
    fails, the image goes (glance would show it 'killed')."""

    def execute(self, image_id):
        pass

    def revert(self, ctxt, image_id, **kwargs):
        try:
            client_for(ctxt).delete(image_id)
            LOG.warning('Deleted image %s of a failed snapshot', image_id)
        except exception.NotFound:
            pass


class UploadSnapshotTask(flow_engine.StratusTask):
    """Flatten the guest's disk into a file and stream it to the image
    service (queued -> saving -> active)."""

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, ctxt, instance, image_id):
        directory = os.path.join(CONF.state_path, 'snapshots')
        os.makedirs(directory, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory,
                                         prefix=image_id) as f:
            LOG.info('Snapshotting to image %s', image_id, instance=instance)
            disk_format = self.driver.snapshot(instance, f)
            f.flush()
            size = f.tell()
            f.seek(0)
            client = client_for(ctxt)
            client.update(image_id, disk_format=disk_format)
            client.upload(image_id, f, size=size)
        LOG.info('Uploaded image %s (%d bytes)', image_id, size,
                 instance=instance)


class DeleteShelvedImageTask(flow_engine.StratusTask):
    """After an unshelve the shelved image has served; failing to delete
    it only leaves an image behind, so it is logged, not fatal."""

    def execute(self, ctxt, instance):
        image_id = instance['system_metadata'].get('shelved_image_id')
        if not image_id:
            return
        try:
            client_for(ctxt).delete(image_id)
        except Exception as exc:
            LOG.warning('Could not delete shelved image %s: %s', image_id,
                        exc, instance=instance)
