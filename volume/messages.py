"""User messages (cinder's /messages) and the bookkeeping of a failed
volume create: status error, quota given back, a message saying why.

Event ids read VOLUME_<resource type>_<action id>_<detail id> and user
messages '<action>:<detail>', as cinder words them.
"""
from stratus.common import exception
from stratus.common import log
from stratus.db.api import volume_messages
from stratus.db.api import volumes as db_volumes

LOG = log.getLogger(__name__)

# (id, description) of the actions and details cinder names.
SCHEDULE_ALLOCATE_VOLUME = ('001', 'schedule allocate volume')
ATTACH_VOLUME = ('002', 'attach volume')
UPDATE_ATTACHMENT = ('004', 'update attachment')
COPY_IMAGE_TO_VOLUME = ('005', 'copy image to volume')
EXTEND_VOLUME = ('007', 'extend volume')
CREATE_VOLUME_FROM_BACKEND = ('008', 'create volume from backend storage')
SNAPSHOT_CREATE = ('009', 'create snapshot')
SNAPSHOT_DELETE = ('010', 'delete snapshot')
DELETE_VOLUME = ('013', 'delete volume')

UNKNOWN_ERROR = ('001', 'An unknown error occurred.')
NO_BACKEND_AVAILABLE = ('003', 'Could not find any available weighted '
                               'backend.')
DRIVER_FAILED = ('020', None)
DRIVER_FAILED_EXTEND = ('010', 'Volume Driver failed to extend volume.')


def _detail(exc):
    # cinder maps the exception to a fixed detail and never shows the
    # exception's own text (it may name backends).
    if isinstance(exc, exception.NoValidBackend):
        return NO_BACKEND_AVAILABLE
    if isinstance(exc, exception.StratusException):
        return DRIVER_FAILED[0], exc.message
    return UNKNOWN_ERROR


def record(ctxt, action, resource_uuid, exc, project_id,
           resource_type='VOLUME', detail=None):
    """A message for `project_id` about `action` failing with `exc`
    (or, given, with the fixed `detail`)."""
    detail_id, detail = detail or _detail(exc)
    try:
        return volume_messages.create(
            project_id, resource_uuid,
            'VOLUME_%s_%s_%s' % (resource_type, action[0], detail_id),
            '%s:%s' % (action[1], detail),
            request_id=getattr(ctxt, 'request_id', None),
            resource_type=resource_type)
    except Exception:
        # A message is a courtesy; failing to write one must not hide the
        # failure it is about.
        LOG.exception('Could not record a user message for %s', resource_uuid)


def fail_create(ctxt, volume_id, exc, action=SCHEDULE_ALLOCATE_VOLUME):
    """The volume goes to error, no longer counts against its project's
    quota, and its owner gets a message saying why."""
    try:
        volume = db_volumes.update(volume_id, {
            'status': 'error', 'use_quota': False,
            'previous_status': None, 'worker_status': None})
    except exception.VolumeNotFound:
        return None
    if volume is None:
        return None
    LOG.error('Volume %s creation failed: %s', volume_id, exc)
    record(ctxt, action, volume_id, exc, volume['project_id'])
    return volume
