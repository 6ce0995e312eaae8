"""The volume daemon's side of attaching: connection info from the driver
for a host's connector, attachment records, in-use/available.

These are calls (the caller waits for the answer), so they are plain
functions rather than flows: each is one driver call and one row change.
"""
from stratus.common import exception
from stratus.common import log
from stratus.common import timeutils
from stratus.db.api import volume_attachments
from stratus.db.api import volumes as db_volumes
from stratus.db import session
from stratus.volume.drivers import driver as volume_driver
from stratus.volume import qos_specs
from stratus.volume import states

LOG = log.getLogger(__name__)


def _connection_info(driver, volume, connector, mode='rw'):
    info = driver.initialize_connection(volume_driver.driver_volume(volume),
                                        connector or {})
    data = info.setdefault('data', {})
    if (volume.get('admin_metadata') or {}).get('readonly') == 'True':
        mode = 'ro'         # the readonly flag (os-update_readonly_flag)
    # What os-brick / the compute side expect besides the driver's keys.
    data.setdefault('volume_id', volume['id'])
    data.setdefault('access_mode', mode)
    data.setdefault('encrypted', False)
    # Like cinder, the type's front-end QoS replaces whatever the driver
    # said.
    data['qos_specs'] = qos_specs.front_end_specs(volume)
    return info


def initialize_connection(driver, volume_id, connector):
    volume = db_volumes.get(volume_id)
    info = _connection_info(driver, volume, connector)
    LOG.info('Volume %s: connection initialized for %s', volume_id,
             (connector or {}).get('host'))
    return info


def terminate_connection(driver, volume_id, connector, force=False):
    volume = db_volumes.get(volume_id)
    try:
        driver.terminate_connection(volume_driver.driver_volume(volume),
                                    connector or {})
    except Exception:
        if not force:
            raise
        LOG.warning('Volume %s: terminate_connection failed; forced',
                    volume_id)
    LOG.info('Volume %s: connection terminated', volume_id)


def attach(volume_id, instance_uuid, host_name, mountpoint, mode):
    """The legacy os-attach: record the attachment, volume in-use."""
    if mode not in (None, 'rw', 'ro'):
        raise exception.Invalid(reason='Invalid attaching mode %s' % mode)
    now = timeutils.utcnow()
    with session.writer() as s:
        volume = db_volumes.get_in(s, volume_id)
        admin = dict(volume['admin_metadata'])
        if admin.get('readonly') == 'True' and mode != 'ro':
            raise exception.InvalidVolumeAttachMode(mode=mode,
                                                    volume_id=volume_id)
        # cinder's begin_attach: the mode shows among the metadata.
        admin['attached_mode'] = mode or 'rw'
        existing = [a for a in volume['attachments']
                    if a['instance_uuid'] == instance_uuid and instance_uuid
                    and a['attach_status'] != states.DETACHED]
        values = {'instance_uuid': instance_uuid, 'attached_host': host_name,
                  'mountpoint': mountpoint, 'attach_mode': mode or 'rw',
                  'attach_status': states.ATTACHED, 'attach_time': now}
        if existing:
            attachment = volume_attachments.update(existing[0]['id'], values,
                                                   s=s)
        else:
            attachment = volume_attachments.create(s, volume_id, values)
        db_volumes.update(volume_id, {'status': states.IN_USE,
                                      'attach_status': states.ATTACHED,
                                      'admin_metadata': admin,
                                      'previous_status': None}, s=s)
    LOG.info('Volume %s attached to %s at %s', volume_id,
             instance_uuid or host_name, mountpoint)
    return attachment


def without_attached_mode(volume):
    """The admin metadata once nothing is attached any more."""
    admin = dict(volume['admin_metadata'])
    admin.pop('attached_mode', None)
    return admin


def _remaining_status(s, volume_id):
    """cinder's rule: the most advanced remaining attachment (attached >
    attaching > detaching > reserved; errors ignored) names the volume's
    state, so a server's move (new reserved attachment, old one deleted)
    leaves the volume reserved, not available."""
    left = sorted(a['attach_status']
                  for a in volume_attachments.for_volume(s, volume_id)
                  if not a['attach_status'].startswith('error'))
    if not left:
        return {'status': states.AVAILABLE,
                'attach_status': states.DETACHED}
    status = states.IN_USE if left[0] == states.ATTACHED else left[0]
    return {'status': status, 'attach_status': left[0]}


def detach(volume_id, attachment_id=None):
    """The legacy os-detach: the attachment goes, the volume is available
    again (or stays in-use while other attachments remain)."""
    with session.writer() as s:
        attachments = volume_attachments.for_volume(s, volume_id)
        if attachment_id is None:
            if len(attachments) > 1:
                raise exception.InvalidVolume(
                    reason='Volume %s is attached more than once: an '
                           'attachment_id is required to detach it'
                           % volume_id)
            attachment_id = attachments[0]['id'] if attachments else None
        if attachment_id is not None:
            if attachment_id not in [a['id'] for a in attachments]:
                raise exception.VolumeAttachmentNotFound(
                    filter='attachment_id = %s' % attachment_id)
            volume_attachments.delete(s, attachment_id)
        s.flush()
        values = _remaining_status(s, volume_id)
        if values['attach_status'] == states.DETACHED:
            values['admin_metadata'] = without_attached_mode(
                db_volumes.get_in(s, volume_id))
        db_volumes.update(volume_id, values, s=s)
    LOG.info('Volume %s detached (attachment %s)', volume_id, attachment_id)


def attachment_update(driver, volume_id, connector, attachment_id):
    """Connection info for the attachment's connector, recorded on the
    attachment (attaching) and returned."""
    volume = db_volumes.get(volume_id)
    attachment = volume_attachments.get(attachment_id)
    mode = connector.get('mode') or attachment['attach_mode'] or 'rw'
    info = _connection_info(driver, volume, connector, mode)
    info['data'].setdefault('attachment_id', attachment_id)
    volume_attachments.update(attachment_id, {
        'connector': connector, 'connection_info': info,
        'attached_host': connector.get('host'),
        'mountpoint': connector.get('mountpoint'), 'attach_mode': mode,
        'attach_status': states.ATTACH_ATTACHING})
    LOG.info('Volume %s: attachment %s connected for %s', volume_id,
             attachment_id, connector.get('host'))
    return info


def attachment_delete(driver, volume_id, attachment_id):
    """Terminate the attachment's connection (if it had one), drop it, and
    give the volume the status its remaining attachments call for."""
    volume = db_volumes.get(volume_id)
    attachment = volume_attachments.get(attachment_id)
    if attachment['connector']:
        driver.terminate_connection(volume_driver.driver_volume(volume),
                                    attachment['connector'])
    with session.writer() as s:
        volume_attachments.delete(s, attachment_id)
        s.flush()
        db_volumes.update(volume_id, _remaining_status(s, volume_id), s=s)
    LOG.info('Volume %s: attachment %s deleted', volume_id, attachment_id)
