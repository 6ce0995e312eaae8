"""The volume actions that only change the volume's record: bootable,
the readonly flag (admin metadata), the image metadata, and a forced
detach. Runs in stratus-api; the checks and messages are cinder's."""
from stratus.common import exception
from stratus.common import log
from stratus.db.api import volumes as db_volumes
from stratus.volume import attach_api
from stratus.volume import states

LOG = log.getLogger(__name__)


class ActionsAPI:
    def __init__(self, volume_api):
        self.volume_api = volume_api

    def get(self, ctxt, volume_id):
        return self.volume_api.get(ctxt, volume_id)

    def set_bootable(self, ctxt, volume_id, bootable):
        self.volume_api.update(ctxt, volume_id, {'bootable': bootable})

    def update_readonly_flag(self, ctxt, volume_id, readonly):
        volume = self.get(ctxt, volume_id)
        if volume['status'] != states.AVAILABLE:
            raise exception.InvalidVolume(
                reason='Volume %s status must be available to update '
                       'readonly flag, but current status is: %s.' % (
                           volume['id'], volume['status']))
        admin = dict(volume['admin_metadata'], readonly=str(bool(readonly)))
        db_volumes.update(volume['id'], {'admin_metadata': admin})
        LOG.info('Volume %s readonly flag set to %s', volume['id'],
                 bool(readonly))

    # --- image metadata (cinder's volume_glance_metadata) --------------------
    @staticmethod
    def _check_metadata_status(volume, verb):
        if volume['status'] in (states.MAINTENANCE, 'uploading'):
            raise exception.InvalidVolume(
                reason='%s volume metadata is not allowed for volumes in '
                       '%s status.' % (verb, volume['status']))

    def show_image_metadata(self, ctxt, volume_id):
        return dict(self.get(ctxt, volume_id)['image_metadata'])

    def set_image_metadata(self, ctxt, volume_id, metadata):
        volume = self.get(ctxt, volume_id)
        self._check_metadata_status(volume, 'Updating')
        merged = dict(volume['image_metadata'], **metadata)
        db_volumes.update(volume['id'], {'image_metadata': merged})
        return merged

    def unset_image_metadata(self, ctxt, volume_id, key):
        volume = self.get(ctxt, volume_id)
        if key not in volume['image_metadata']:
            raise exception.GlanceMetadataNotFound(id=volume['id'])
        self._check_metadata_status(volume, 'Deleting')
        remaining = dict(volume['image_metadata'])
        remaining.pop(key)
        db_volumes.update(volume['id'], {'image_metadata': remaining})

    # --- admin ---------------------------------------------------------------
    def force_detach(self, ctxt, volume_id, connector, attachment_id):
        """Roll back a detach the host already did: the backend forgets
        the connection, then the attachment goes."""
        attach = attach_api.AttachAPI(self.volume_api)
        attach.terminate_connection(ctxt, volume_id, connector)
        try:
            attach.detach(ctxt, volume_id, attachment_id)
        except (exception.VolumeAttachmentNotFound,
                exception.InvalidVolume) as exc:
            raise exception.Invalid(
                'Error force detaching volume - %s: %s' % (
                    type(exc).__name__, exc.message))
