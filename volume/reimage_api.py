"""Re-imaging a volume (3.68, os-reimage), API side: the image must be
one the caller may see, active and fit; the volume available or error
(or reserved, with reimage_reserved) and attached to at most one server;
it goes to downloading and the volume service writes the image."""
from stratus.common import exception
from stratus.common import log
from stratus.db.api import volumes as db_volumes
from stratus.volume import states
from stratus.volume.tasks import request

LOG = log.getLogger(__name__)


def _image(ctxt, image_id):
    try:
        return request.visible_image(ctxt.to_dict(), image_id)
    except exception.Invalid:
        # cinder asks glance, which hides what the caller may not see.
        raise exception.ImageNotFound(image_id=image_id)


def reimage(volume_rpc, ctxt, volume, image_id, reserved=False):
    image = _image(ctxt, image_id)
    attached = [a for a in volume['attachments']
                if a['attach_status'] == states.ATTACHED]
    if len(attached) > 1:
        raise exception.Conflict('Cannot re-image a volume which is attached '
                                 'to more than one server.')
    allowed = (states.AVAILABLE, states.ERROR, states.RESERVED) if reserved \
        else (states.AVAILABLE, states.ERROR)
    updated = db_volumes.update(volume['id'], {
        'status': states.DOWNLOADING, 'previous_status': volume['status']},
        expected={'status': allowed})
    if updated is None:
        raise exception.InvalidVolume(
            reason='Volume %s status must be %s, but current status is %s.'
            % (volume['id'], states.or_list(allowed),
               db_volumes.get(volume['id'])['status']))
    try:
        request.check_image(image, volume['size'])
    except Exception:
        db_volumes.update(volume['id'], {
            'status': volume['status'], 'previous_status': None},
            expected={'status': states.DOWNLOADING})
        raise
    volume_rpc.reimage(ctxt, updated, image_id,
                       request.image_metadata(image))
    LOG.info('Re-image of volume %s with image %s issued.', volume['id'],
             image_id)
