"""AttachAPI: the volume side of attaching a volume to a server, for the
REST handlers and for the compute side (runs where the database is).

Two generations, as in cinder:

- the legacy actions: reserve (available -> attaching), then
  initialize_connection(connector) -> connection info, then attach
  (in-use, attachment recorded); begin_detaching (in-use -> detaching),
  terminate_connection, detach (available); unreserve and roll_detaching
  undo a reserve or a begin_detaching;
- the attachments API (3.27/3.44): attachment_create (reserved),
  attachment_update(connector) -> connection info (attaching),
  attachment_complete (in-use), attachment_delete (available).
"""
from stratus.common import exception
from stratus.common import log
from stratus.db.api import volume_attachments
from stratus.db.api import volumes as db_volumes
from stratus.db import session
from stratus.volume import connection
from stratus.volume import states

LOG = log.getLogger(__name__)


def _maintenance(volume, what):
    if volume['status'] == states.MAINTENANCE:
        raise exception.InvalidVolume(
            reason='The volume %s in maintenance mode.' % what)


class AttachAPI:
    def __init__(self, volume_api):
        self.volume_api = volume_api
        # The volume API's client: one connection, and tests swap one.
        self.volume_rpc = volume_api.volume_rpc

    def get(self, ctxt, volume_id):
        return self.volume_api.get(ctxt, volume_id)

    # --- legacy actions ------------------------------------------------------
    def reserve(self, ctxt, volume_id):
        volume = self.get(ctxt, volume_id)
        allowed = states.RESERVE_MULTIATTACH_FROM if volume['multiattach'] \
            else states.RESERVE_FROM
        if db_volumes.update(volume['id'], {'status': states.ATTACHING},
                             expected={'status': allowed}) is None:
            raise exception.InvalidVolume(
                reason='Volume status must be %s to reserve, but the status '
                       'is %s.' % (states.or_list(allowed), volume['status']))

    def unreserve(self, ctxt, volume_id):
        volume = self.get(ctxt, volume_id)
        status = states.IN_USE if any(
            a['attach_status'] == states.ATTACHED
            for a in volume['attachments']) else states.AVAILABLE
        db_volumes.update(volume['id'], {'status': status},
                          expected={'status': states.ATTACHING})

    def begin_detaching(self, ctxt, volume_id):
        volume = self.get(ctxt, volume_id)
        # As cinder: a migrating volume stays as it is (the compute's swap
        # to its copy calls this), without an error.
        idle = (None, 'deleting', 'error', 'success')
        if db_volumes.update(volume['id'], {'status': states.DETACHING},
                             expected={'status': states.IN_USE,
                                       'attach_status': states.ATTACHED,
                                       'migration_status': idle}) is None \
                and volume['migration_status'] in idle:
            raise exception.InvalidVolume(
                reason="Unable to detach volume. Volume status must be "
                       "'in-use' and attach_status must be 'attached' to "
                       "detach.")

    def roll_detaching(self, ctxt, volume_id):
        volume = self.get(ctxt, volume_id)
        db_volumes.update(volume['id'], {'status': states.IN_USE},
                          expected={'status': states.DETACHING})

    def initialize_connection(self, ctxt, volume_id, connector):
        """{'driver_volume_type': ..., 'data': {...}} for `connector` (the
        compute host's facts: host, ip, initiator, ...)."""
        volume = self.get(ctxt, volume_id)
        _maintenance(volume, 'connection cannot be initialized in')
        if not volume['host']:
            raise exception.InvalidVolume(
                reason='volume %s is not on any backend' % volume['id'])
        return self.volume_rpc.initialize_connection(ctxt, volume, connector)

    def terminate_connection(self, ctxt, volume_id, connector, force=False):
        volume = self.get(ctxt, volume_id)
        self.volume_rpc.terminate_connection(ctxt, volume, connector, force)
        self.unreserve(ctxt, volume_id)

    def attach(self, ctxt, volume_id, instance_uuid, host_name, mountpoint,
               mode='rw'):
        """The attachment record; the volume is in-use afterwards."""
        volume = self.check_attach(ctxt, volume_id, mode)
        return self.volume_rpc.attach_volume(ctxt, volume, instance_uuid,
                                             host_name, mountpoint, mode)

    def check_attach(self, ctxt, volume_id, mode):
        """The API's own refusals of os-attach (before the volume service
        is asked); the volume."""
        volume = self.get(ctxt, volume_id)
        if volume['status'] == states.MAINTENANCE:
            raise exception.InvalidVolume(
                reason='The volume cannot be attached in maintenance mode.')
        # As cinder: the readonly flag is recorded ('False') on a first
        # attach, and a read-only volume refuses any mode but ro here,
        # before the volume service is asked.
        admin = dict(volume['admin_metadata'])
        if 'readonly' not in admin:
            admin['readonly'] = 'False'
            db_volumes.update(volume['id'], {'admin_metadata': admin})
        if admin['readonly'] == 'True' and mode != 'ro':
            raise exception.InvalidVolumeAttachMode(mode=mode,
                                                    volume_id=volume['id'])
        return volume

    def detach(self, ctxt, volume_id, attachment_id=None):
        volume = self.get(ctxt, volume_id)
        if volume['status'] == states.MAINTENANCE:
            raise exception.InvalidVolume(
                reason='The volume cannot be detached in maintenance mode.')
        return self.volume_rpc.detach_volume(ctxt, volume, attachment_id)

    # --- attachments API (3.27+) ---------------------------------------------
    def get_attachment(self, ctxt, attachment_id):
        attachment, project_id = volume_attachments.project_of(attachment_id)
        if not ctxt.is_admin and project_id != ctxt.project_id:
            raise exception.VolumeAttachmentNotFound(
                filter='attachment_id = %s' % attachment_id)
        return attachment

    def attachment_create(self, ctxt, volume_id, instance_uuid,
                          connector=None, mode='null'):
        """A reserved attachment (volume reserved); with a connector it is
        connected at once (attaching, connection_info set).

        The attach mode is cinder's: the string 'null' when none is given
        (the connector's mode then decides at update), 'ro' whenever the
        volume carries a readonly flag at all (cinder tests the flag's
        presence, so even 'False' counts), and it is the create-time mode
        that stays recorded after connecting at once."""
        volume = self.get(ctxt, volume_id)
        if 'readonly' in (volume['admin_metadata'] or {}):
            mode = 'ro'
        allowed = states.ATTACHMENT_RESERVE_MULTIATTACH_FROM \
            if volume['multiattach'] else states.ATTACHMENT_RESERVE_FROM
        with session.writer() as s:
            current = db_volumes.get_in(s, volume['id'])
            # cinder lets the server that already has the volume take a
            # second attachment (how nova moves it to another host).
            again = instance_uuid and current['status'] in (
                states.IN_USE, states.RESERVED) and any(
                a['instance_uuid'] == instance_uuid
                for a in volume_attachments.for_volume(s, volume['id']))
            if current['status'] not in allowed and not again:
                raise exception.InvalidVolume(
                    reason='Volume %s status must be %s to reserve, but the '
                           'current status is %s.' % (
                               volume['id'], states.or_list(allowed),
                               current['status']))
            attachment = volume_attachments.create(s, volume['id'], {
                'instance_uuid': instance_uuid,
                'attach_status': states.ATTACH_RESERVED,
                'attach_mode': mode, 'connection_info': {}})
            if current['status'] != states.IN_USE and not again:
                db_volumes.update(volume['id'],
                                  {'status': states.RESERVED}, s=s)
        if connector:
            self.attachment_update(ctxt, attachment['id'], connector)
            # The volume service recorded the connector's mode; the
            # create-time one is written back over it.
            return volume_attachments.update(attachment['id'],
                                             {'attach_mode': mode})
        return attachment

    def attachment_update(self, ctxt, attachment_id, connector):
        attachment = self.get_attachment(ctxt, attachment_id)
        if 'error' in attachment['attach_status']:
            raise exception.InvalidVolume(
                reason='Volume attachment %s is in an error state: %s' % (
                    attachment_id, attachment['attach_status']))
        volume = db_volumes.get(attachment['volume_id'])
        if not volume['host']:
            raise exception.InvalidVolume(
                reason='volume %s is not on any backend' % volume['id'])
        if volume['status'] in (states.RESERVED, states.AVAILABLE):
            db_volumes.update(volume['id'], {'status': states.ATTACHING})
        self.volume_rpc.attachment_update(ctxt, volume, connector,
                                          attachment_id)
        return volume_attachments.get(attachment_id)

    def attachment_complete(self, ctxt, attachment_id):
        """The attach is done: attachment attached, volume in-use."""
        attachment = self.get_attachment(ctxt, attachment_id)
        with session.writer() as s:
            volume_attachments.update(attachment_id, {
                'attach_status': states.ATTACHED}, s=s)
            db_volumes.update(attachment['volume_id'], {
                'status': states.IN_USE, 'attach_status': states.ATTACHED},
                s=s)
        LOG.info('Volume %s: attachment %s complete',
                 attachment['volume_id'], attachment_id)

    def attachment_delete(self, ctxt, attachment_id):
        """Disconnect and drop the attachment; the volume is available
        again unless other attachments remain. Returns [] (no attachment
        shares this connection)."""
        attachment = self.get_attachment(ctxt, attachment_id)
        volume = db_volumes.get(attachment['volume_id'])
        if volume['host']:
            self.volume_rpc.attachment_delete(ctxt, volume, attachment_id)
        else:
            with session.writer() as s:
                volume_attachments.delete(s, attachment_id)
                s.flush()
                db_volumes.update(volume['id'],
                                  connection.remaining_status(s, volume['id']),
                                  s=s)
        return []
