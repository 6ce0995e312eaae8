"""POST /volumes/{id}/action: the body's single key picks the handler.

os-extend, os-reset_status and os-force_delete (admin), and the legacy
attach actions (os-reserve, os-unreserve, os-initialize_connection,
os-terminate_connection, os-attach, os-detach, os-begin_detaching,
os-roll_detaching), as cinder names them.
"""
import pecan

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import unmanage
from stratus.api.volume.schemas import volumes as schemas
from stratus.common import exception
from stratus.volume import attach_api
from stratus.volume import reimage_api
from stratus.volume import revert_api
from stratus.volume import states


def _extend(volumes, ctxt, volume_id, body):
    body = validation.check(schemas.extend, body)
    volume = volumes.get(ctxt, volume_id)
    attached = wsgi.version() >= (3, 42) and volume['status'] == \
        states.IN_USE
    volumes.extend(ctxt, volume_id, int(body['os-extend']['new_size']),
                   attached=attached)
    return wsgi.response(status=202)


def _revert(volumes, ctxt, volume_id, body):
    if wsgi.version() < (3, 40):
        raise exception.NotFound('The resource could not be found.')
    body = validation.check(schemas.revert, body)['revert']
    policy.require_member(ctxt, 'volume:revert_to_snapshot')
    volume = volumes.get(ctxt, volume_id)
    revert_api.revert(volumes.volume_rpc, ctxt, volume,
                      body.get('snapshot_id'))
    return wsgi.response(status=202)


def _reimage(volumes, ctxt, volume_id, body):
    if wsgi.version() < (3, 68):
        raise exception.NotFound('The resource could not be found.')
    body = validation.check(schemas.reimage, body)['os-reimage']
    volume = volumes.get(ctxt, volume_id)
    reserved = common.is_true(body.get('reimage_reserved', False),
                              'reimage_reserved')
    policy.require_member(ctxt, 'volume:reimage_reserved' if volume[
        'status'] == states.RESERVED else 'volume:reimage')
    reimage_api.reimage(volumes.volume_rpc, ctxt, volume, body['image_id'],
                        reserved)
    return wsgi.response(status=202)


def _extend_volume_completion(volumes, ctxt, volume_id, body):
    """For drivers whose extend of an attached volume waits for nova;
    stratus's extend finishes on its own, so no volume ever waits here and
    the answer is cinder's for one that is not being extended (or lacks
    the admin metadata such a wait leaves)."""
    validation.check(schemas.extend_volume_completion, body)
    volume = volumes.get(ctxt, volume_id)
    policy.require_admin(ctxt, 'volume_extension:volume_admin_actions:'
                               'extend_volume_completion')
    if volume['status'] != states.EXTENDING:
        raise exception.InvalidVolume(reason='Volume is not being extended.')
    raise exception.InvalidVolume(reason='Required volume admin metadata is '
                                         'malformed or missing.')


def _valid(value, allowed, field):
    if value is not None and value not in allowed:
        raise exception.ValidationError(
            field='os-reset_status/%s' % field,
            reason="Value: %s. Must specify a valid %s" % (value, field))


def _reset_status(volumes, ctxt, volume_id, body):
    policy.require_admin(ctxt, 'volume_extension:volume_admin_actions:'
                               'reset_status')
    body = validation.check(schemas.reset_status, body)['os-reset_status']
    if not body:
        raise exception.Invalid(reason='Must specify status, attach_status '
                                'or migration_status for update')
    _valid(body.get('status'), states.VOLUME_STATUSES, 'status')
    _valid(body.get('attach_status'), states.ATTACH_STATUSES,
           'attach_status')
    volumes.reset_status(ctxt, volume_id, body.get('status'),
                         body.get('attach_status'),
                         body.get('migration_status'))
    return wsgi.response(status=202)


def _force_delete(volumes, ctxt, volume_id, body):
    policy.require_admin(ctxt, 'volume_extension:volume_admin_actions:'
                               'force_delete')
    volumes.delete(ctxt, volume_id, force=True)
    return wsgi.response(status=202)


def _attach_api(volumes):
    return attach_api.AttachAPI(volumes)


def _simple(method):
    def handler(volumes, ctxt, volume_id, body):
        getattr(_attach_api(volumes), method)(ctxt, volume_id)
        return wsgi.response(status=202)
    return handler


def _initialize(volumes, ctxt, volume_id, body):
    body = validation.check(schemas.initialize_connection, body)
    info = _attach_api(volumes).initialize_connection(
        ctxt, volume_id, body['os-initialize_connection']['connector'])
    return wsgi.response({'connection_info': info})


def _terminate(volumes, ctxt, volume_id, body):
    body = validation.check(schemas.terminate_connection, body)
    _attach_api(volumes).terminate_connection(
        ctxt, volume_id, body['os-terminate_connection']['connector'])
    return wsgi.response(status=202)


def _attach(volumes, ctxt, volume_id, body):
    body = validation.check(schemas.attach, body)['os-attach']
    _attach_api(volumes).attach(
        ctxt, volume_id, body.get('instance_uuid'), body.get('host_name'),
        body['mountpoint'], body.get('mode', 'rw'))
    return wsgi.response(status=202)


def _detach(volumes, ctxt, volume_id, body):
    body = validation.check(schemas.detach, body)['os-detach'] or {}
    _attach_api(volumes).detach(ctxt, volume_id, body.get('attachment_id'))
    return wsgi.response(status=202)


HANDLERS = {
    'os-extend': _extend,
    'revert': _revert,
    'os-reimage': _reimage,
    'os-extend_volume_completion': _extend_volume_completion,
    'os-reset_status': _reset_status,
    'os-force_delete': _force_delete,
    'os-reserve': _simple('reserve'),
    'os-unreserve': _simple('unreserve'),
    'os-begin_detaching': _simple('begin_detaching'),
    'os-roll_detaching': _simple('roll_detaching'),
    'os-initialize_connection': _initialize,
    'os-terminate_connection': _terminate,
    'os-attach': _attach,
    'os-detach': _detach,
    'os-unmanage': unmanage.unmanage_volume,
}


def dispatch(volumes, volume_id):
    ctxt = wsgi.context()
    policy.require_member(ctxt, 'volume:action')
    body = validation.load_json(pecan.request)
    if not isinstance(body, dict) or len(body) != 1:
        raise exception.Invalid(reason='There is no such action: %s' % (
            ', '.join(body) if isinstance(body, dict) else body))
    name = next(iter(body))
    handler = HANDLERS.get(name)
    if handler is None:
        raise exception.Invalid(reason='There is no such action: %s' % name)
    return handler(volumes, ctxt, volume_id, body)
