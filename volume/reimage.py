"""os-reimage (3.68): an existing volume's contents replaced by an image
(cinder's volume API and manager reimage).

API side: the image must be visible (404 otherwise) and fit, the volume
available or error (or reserved with reimage_reserved) and attached to at
most one server; it goes to downloading. Volume host side: the image is
downloaded and written over the volume, its image metadata replaced, and
the volume returns to the status it had; a failure leaves it in error.

A reserved volume (a server being rebuilt from it) is re-imaged too, but
no compute is told it is done: stratus's compute has no
volume-backed-rebuild wait for it to end."""
import os
import tempfile

from stratus.common import exception
from stratus.common import log
from stratus.common.conf import CONF
from stratus.db.api import image_members
from stratus.db.api import images as db_images
from stratus.db.api import volumes as db_volumes
from stratus.volume.drivers import driver as volume_driver
from stratus.volume import states
from stratus.volume.tasks import request as request_tasks

LOG = log.getLogger(__name__)
DOWNLOADING = 'downloading'


def visible_image(ctxt, image_id):
    """The image as the image service shows it to `ctxt` (404 if not)."""
    try:
        image = db_images.get(image_id)
    except exception.ImageNotFound:
        raise exception.ImageNotFound(image_id=image_id)
    if ctxt.is_admin or image['owner'] == ctxt.project_id or \
            image['visibility'] in ('public', 'community') or (
                image['visibility'] == 'shared' and
                image_members.member_get(image_id, ctxt.project_id)
                is not None):
        return image
    raise exception.ImageNotFound(image_id=image_id)


def request(ctxt, volume_rpc, volume, image, reimage_reserved):
    if len([a for a in volume['attachments']
            if a['attach_status'] != states.DETACHED]) > 1:
        raise exception.Conflict('Cannot re-image a volume which is attached '
                                 'to more than one server.')
    allowed = (states.AVAILABLE, states.ERROR, states.RESERVED) \
        if reimage_reserved else (states.AVAILABLE, states.ERROR)
    updated = db_volumes.update(volume['id'], {
        'status': DOWNLOADING, 'previous_status': volume['status']},
        expected={'status': allowed})
    if updated is None:
        raise exception.InvalidVolume(
            reason='Volume %s status must be %s, but current status is %s.'
            % (volume['id'], states.or_list(allowed), volume['status']))
    try:
        # cinder's check_image_metadata: active, fits, minDisk.
        request_tasks._check_image(image, volume['size'])
    except Exception:
        db_volumes.update(volume['id'], {'status': volume['status'],
                                         'previous_status': None},
                          expected={'status': DOWNLOADING})
        raise
    volume_rpc.reimage(ctxt, updated, image['id'])


def image_client(ctxt):
    from stratus.volume import upload
    return upload.image_client(ctxt)


def reimage(ctxt, driver, volume_id, image_id):
    volume = db_volumes.get(volume_id)
    os.makedirs(CONF.image_conversion_dir, exist_ok=True)
    fd, path = tempfile.mkstemp(dir=CONF.image_conversion_dir,
                                prefix='reimage-%s-' % volume_id)
    os.close(fd)
    try:
        downloaded = image_client(ctxt).download(image_id, path)
        driver.copy_image_to_volume(volume_driver.driver_volume(volume),
                                    path,
                                    downloaded.get('disk_format') or 'raw')
        image = db_images.get(image_id)
        db_volumes.update(volume_id, {
            'status': volume['previous_status'] or states.AVAILABLE,
            'image_metadata': request_tasks._image_metadata(image)})
        LOG.info('Volume %s re-imaged with %s', volume_id, image_id)
    except Exception as exc:
        LOG.error('Failed to re-image volume %s with image %s: %s',
                  volume_id, image_id, exc)
        db_volumes.update(volume_id, {'status': states.ERROR,
                                      'previous_status': DOWNLOADING})
    finally:
        if os.path.exists(path):
            os.unlink(path)
