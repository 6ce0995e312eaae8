"""os-volume_upload_image, API side: the volume goes to uploading, a
queued image is created for it in the image service, and its backend is
asked to upload the data (volume/upload.py); the answer is cinder's."""
from stratus.api import timefmt
from stratus.common import exception
from stratus.common import log
from stratus.common.conf import CONF
from stratus.db.api import images as db_images
from stratus.db.api import volume_types
from stratus.db.api import volumes as db_volumes
from stratus.volume import states

LOG = log.getLogger(__name__)
UPLOADING = 'uploading'


def type_body(volume_type_id):
    """The volume type as cinder serialises its object in this answer."""
    if not volume_type_id:
        return None
    t = volume_types.type_get(volume_type_id)
    return {'id': t['id'], 'name': t['name'],
            'description': t['description'], 'is_public': t['is_public'],
            'extra_specs': dict(t['extra_specs']), 'qos_specs_id': None,
            'created_at': timefmt.iso_us(t['created_at']),
            'updated_at': timefmt.iso_us(t['updated_at']),
            'deleted': False, 'deleted_at': None}


def _custom_properties(volume, image_meta):
    """The volume's image metadata that is not a core property nor given
    in the request (cinder's _merge_volume_image_meta)."""
    core = set(CONF.glance_core_properties or ())
    # Reserved namespaces are the image service's (cinder filters them).
    return {key: str(value) for key, value in
            volume['image_metadata'].items()
            if key not in core and key not in image_meta and
            not key.startswith('os_glance')}


def _glance_create(ctxt, body):
    """The image service's own create checks and defaults (cinder
    creates the image through glance): attribute names and values,
    visibility rules, queued."""
    from stratus.api.image import images as image_api
    values, props, tags = image_api._create_values(ctxt, body)
    return db_images.create(values, props, tags)


class UploadAPI:
    def __init__(self, volume_api):
        self.volume_api = volume_api
        self.volume_rpc = volume_api.volume_rpc

    @staticmethod
    def _create_image(ctxt, volume, image_meta):
        body = dict(_custom_properties(volume, image_meta), **image_meta)
        if body['container_format'] == 'compressed':
            # allow_compression_on_image_upload is off, as cinder's default
            raise exception.Invalid('Image compression upload disallowed, '
                                    'but container_format is compressed')
        return _glance_create(ctxt, body)

    def copy_volume_to_image(self, ctxt, volume, image_meta, force):
        if force and not CONF.enable_force_upload:
            LOG.info('Force upload to image is disabled, Force option will '
                     'be ignored.')
            force = False
        allowed = (states.AVAILABLE, states.IN_USE) if force \
            else (states.AVAILABLE,)
        updated = db_volumes.update(
            volume['id'], {'status': UPLOADING,
                           'previous_status': volume['status']},
            expected={'status': allowed})
        if updated is None:
            raise exception.InvalidVolume(
                reason='Volume %s status must be %s' % (
                    volume['id'], states.or_list(allowed)))
        try:
            image = self._create_image(ctxt, volume, image_meta)
        except Exception:
            # As cinder: the volume is back as it was when the image
            # cannot be made.
            db_volumes.update(volume['id'], {
                'status': volume['status'], 'previous_status': None},
                expected={'status': UPLOADING})
            raise
        self.volume_rpc.copy_volume_to_image(ctxt, updated, image['id'])
        response = {
            'id': volume['id'],
            'updated_at': timefmt.iso_us(volume['updated_at']),
            'status': UPLOADING,
            'display_description': volume['display_description'],
            'size': volume['size'],
            'volume_type': type_body(volume['volume_type_id']),
            'image_id': image['id'],
            'container_format': image['container_format'],
            'disk_format': image['disk_format'],
            'image_name': image['name'],
            # The image service's image always has both, so cinder's
            # answer does at every microversion.
            'protected': bool(image['protected']),
            'visibility': image['visibility']}
        LOG.info('Copy volume %s to image %s requested', volume['id'],
                 image['id'])
        return response
