"""The create step of volume_create_manager, one small task per source,
chosen in get_flow: blank, from a snapshot, from a volume, from an image.
Each reverts by deleting what it made, so a reschedule starts clean."""
import os
import tempfile

from stratus.common import flow_engine
from stratus.common import log
from stratus.common.conf import CONF

LOG = log.getLogger(__name__)


class _CreateTask(flow_engine.StratusTask):
    default_provides = 'model_update'

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def revert(self, volume_spec, result, **kwargs):
        # Also when create itself raised: the volume may be half made, and
        # deleting what is not there is a no-op.
        try:
            self.driver.delete_volume(volume_spec['volume'])
        except Exception as exc:
            LOG.warning('Could not remove volume %s after a failed create: '
                        '%s', volume_spec['volume']['id'], exc)


class CreateRawVolumeTask(_CreateTask):
    """A blank volume: driver.create_volume."""

    def execute(self, volume_spec):
        LOG.info('Volume %s: being created as raw',
                 volume_spec['volume']['id'])
        return self.driver.create_volume(volume_spec['volume']) or {}


class CreateFromSnapshotTask(_CreateTask):
    """driver.create_volume_from_snapshot (then grown to the volume's size
    when larger than the snapshot)."""

    def execute(self, volume_spec):
        volume, snapshot = volume_spec['volume'], volume_spec['snapshot']
        LOG.info('Volume %s: being created from snapshot %s', volume['id'],
                 snapshot['id'])
        update = self.driver.create_volume_from_snapshot(volume, snapshot)
        if volume['size'] > snapshot['volume_size']:
            self.driver.extend_volume(volume, volume['size'])
        return update or {}


class CloneVolumeTask(_CreateTask):
    """driver.create_cloned_volume (then grown when larger than the
    source)."""

    def execute(self, volume_spec):
        volume, source = volume_spec['volume'], volume_spec['source']
        LOG.info('Volume %s: being created from volume %s', volume['id'],
                 source['id'])
        update = self.driver.create_cloned_volume(volume, source)
        if volume['size'] > source['size']:
            self.driver.extend_volume(volume, volume['size'])
        return update or {}


class CreateFromImageTask(_CreateTask):
    """A blank volume, then the image downloaded (with the requesting
    user's token) into a temporary file on this host and written into the
    volume by driver.copy_image_to_volume."""

    def __init__(self, driver, image_client_factory=None):
        super().__init__(driver)
        self.image_client_factory = image_client_factory or image_client

    def execute(self, ctxt, volume_spec):
        volume = volume_spec['volume']
        image_id = volume_spec['image_id']
        LOG.info('Volume %s: being created from image %s', volume['id'],
                 image_id)
        update = self.driver.create_volume(volume) or {}
        write_image(self.driver, self.image_client_factory(ctxt), volume,
                    image_id)
        return dict(update, bootable=True)


def write_image(driver, client, volume, image_id):
    """Download the image (with the requesting user's token) into a
    temporary file on this host and write it into the volume with
    driver.copy_image_to_volume (create from image, re-image)."""
    os.makedirs(CONF.image_conversion_dir, exist_ok=True)
    fd, path = tempfile.mkstemp(dir=CONF.image_conversion_dir,
                                prefix='image-%s-' % image_id)
    os.close(fd)
    try:
        image = client.download(image_id, path)
        driver.copy_image_to_volume(volume, path,
                                    image.get('disk_format') or 'raw')
    finally:
        if os.path.exists(path):
            os.unlink(path)
    LOG.info('Volume %s: image %s written', volume['id'], image_id)


def image_client(ctxt):
    from stratus.common import image_client
    return image_client.ImageClient(
        CONF.glance.api_servers[0], ctxt.get('auth_token'),
        global_request_id=ctxt.get('request_id'))


def kind_of(request_spec):
    if request_spec.get('snapshot_id'):
        return 'snap'
    if request_spec.get('source_volid'):
        return 'source_vol'
    if request_spec.get('image_id'):
        return 'image'
    return 'raw'


def task_for(request_spec, driver):
    """The create task for what the request starts from."""
    return {'raw': CreateRawVolumeTask, 'snap': CreateFromSnapshotTask,
            'source_vol': CloneVolumeTask,
            'image': CreateFromImageTask}[kind_of(request_spec)](driver)
