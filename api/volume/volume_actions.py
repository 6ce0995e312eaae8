"""POST /volumes/{id}/action: the body's single key picks the handler.

The member actions are here (os-extend, os-set_bootable,
os-update_readonly_flag, the image metadata actions,
os-volume_upload_image, os-retype, os-reimage (3.68) and the legacy attach
actions); the
admin ones are in volume_admin_actions. As in cinder, the body is
validated first (400), then the volume looked up (404), then the policy
checked (403).
"""
import pecan

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import request_validation
from stratus.api.volume import unmanage
from stratus.api.volume import volume_admin_actions
from stratus.api.volume.schemas import volume_actions as action_schemas
from stratus.api.volume.schemas import volumes as schemas
from stratus.common import exception
from stratus.volume import actions_api
from stratus.volume import attach_api
from stratus.volume import reimage_api
from stratus.volume import retype_api
from stratus.volume import revert_api
from stratus.volume import states
from stratus.volume import upload_api

_ACTIONS = 'volume_extension:volume_actions:'
_IMAGE_METADATA = 'volume_extension:volume_image_metadata:'


def _extend(volumes, ctxt, volume_id, body):
    body = request_validation.check(schemas.extend, body)
    volume = volumes.get(ctxt, volume_id)
    attached = wsgi.version() >= (3, 42) and volume['status'] == \
        states.IN_USE
    volumes.extend(ctxt, volume_id, int(body['os-extend']['new_size']),
                   attached=attached)
    return wsgi.response(status=202)


def _actions(volumes):
    return actions_api.ActionsAPI(volumes)


def _set_bootable(volumes, ctxt, volume_id, body):
    body = request_validation.check(action_schemas.set_bootable, body)
    volume = volumes.get(ctxt, volume_id)
    bootable = common.is_true(body['os-set_bootable']['bootable'],
                              'bootable')
    _actions(volumes).set_bootable(ctxt, volume['id'], bootable)
    # 200 with no body, as cinder answers it.
    return common.empty_200()


def _update_readonly_flag(volumes, ctxt, volume_id, body):
    body = request_validation.check(action_schemas.update_readonly_flag, body)
    volume = volumes.get(ctxt, volume_id)
    readonly = common.is_true(body['os-update_readonly_flag']['readonly'],
                              'readonly')
    _actions(volumes).update_readonly_flag(ctxt, volume['id'], readonly)
    return wsgi.response(status=202)


def _show_image_metadata(volumes, ctxt, volume_id, body):
    policy.require_reader(ctxt, _IMAGE_METADATA + 'show')
    return wsgi.response({'metadata': _actions(volumes).show_image_metadata(
        ctxt, volume_id)})


def _set_image_metadata(volumes, ctxt, volume_id, body):
    body = request_validation.check(action_schemas.set_image_metadata, body)
    volume = volumes.get(ctxt, volume_id)
    policy.require_member(ctxt, _IMAGE_METADATA + 'set')
    metadata = _actions(volumes).set_image_metadata(
        ctxt, volume['id'], body['os-set_image_metadata']['metadata'])
    return wsgi.response({'metadata': metadata})


def _unset_image_metadata(volumes, ctxt, volume_id, body):
    body = request_validation.check(action_schemas.unset_image_metadata, body)
    volume = volumes.get(ctxt, volume_id)
    policy.require_member(ctxt, _IMAGE_METADATA + 'remove')
    _actions(volumes).unset_image_metadata(
        ctxt, volume['id'], body['os-unset_image_metadata']['key'])
    return common.empty_200()


def _upload_image(volumes, ctxt, volume_id, body):
    version = wsgi.version()
    schema = action_schemas.upload_image_31 if version >= (3, 1) \
        else action_schemas.upload_image
    params = request_validation.check(schema, body)['os-volume_upload_image']
    force = common.is_true(params.get('force', 'False'), 'force')
    volume = volumes.get(ctxt, volume_id)
    policy.require_member(ctxt, _ACTIONS + 'upload_image')
    image_meta = {'container_format': params.get('container_format',
                                                 'bare'),
                  'disk_format': params.get('disk_format', 'raw'),
                  'name': params['image_name']}
    if volume['encryption_key_id'] and (
            image_meta['disk_format'] != 'raw' or
            image_meta['container_format'] != 'bare'):
        raise exception.Invalid(
            "An encrypted volume uploaded as an image must use 'raw' "
            "disk_format and 'bare' container_format, which are the "
            "defaults for these options.")
    if version >= (3, 1):
        image_meta['visibility'] = params.get('visibility', 'private')
        image_meta['protected'] = common.is_true(
            params.get('protected', 'False'), 'protected')
        if image_meta['visibility'] == 'public':
            policy.require_admin(ctxt, _ACTIONS + 'upload_public')
    response = upload_api.UploadAPI(volumes).copy_volume_to_image(
        ctxt, volume, image_meta, force)
    return wsgi.response({'os-volume_upload_image': response}, status=202)


def _retype(volumes, ctxt, volume_id, body):
    params = request_validation.check(action_schemas.retype, body)['os-retype']
    volume = volumes.get(ctxt, volume_id)
    policy.require_member(ctxt, _ACTIONS + 'retype')
    retype_api.RetypeAPI(volumes).retype(
        ctxt, volume, params['new_type'], params.get('migration_policy'))
    return wsgi.response(status=202)


def _reimage(volumes, ctxt, volume_id, body):
    if wsgi.version() < (3, 68):
        # cinder answers an action of a later microversion as if it did
        # not exist: a bare 404.
        raise exception.NotFound('The resource could not be found.')
    params = request_validation.check(action_schemas.reimage, body)['os-reimage']
    reserved = common.is_true(params.get('reimage_reserved', 'False'),
                              'reimage_reserved')
    volume = volumes.get(ctxt, volume_id)
    policy.require_member(ctxt, 'volume:reimage_reserved'
                          if volume['status'] == states.RESERVED
                          else 'volume:reimage')
    reimage_api.reimage(volumes.volume_rpc, ctxt, volume,
                        params['image_id'], reserved)
    return wsgi.response(status=202)


def _revert(volumes, ctxt, volume_id, body):
    if wsgi.version() < (3, 40):
        raise exception.NotFound('The resource could not be found.')
    body = request_validation.check(schemas.revert, body)['revert']
    volume = volumes.get(ctxt, volume_id)
    policy.require_member(ctxt, 'volume:revert_to_snapshot')
    revert_api.revert(volumes.volume_rpc, ctxt, volume,
                      body.get('snapshot_id'))
    return wsgi.response(status=202)


def _attach_api(volumes):
    return attach_api.AttachAPI(volumes)


def _simple(method):
    def handler(volumes, ctxt, volume_id, body):
        getattr(_attach_api(volumes), method)(ctxt, volume_id)
        return wsgi.response(status=202)
    return handler


def _initialize(volumes, ctxt, volume_id, body):
    body = request_validation.check(schemas.initialize_connection, body)
    connector = body['os-initialize_connection']['connector']
    info = _attach_api(volumes).initialize_connection(ctxt, volume_id,
                                                      connector)
    if isinstance(connector, dict):
        info['enforce_multipath'] = connector.get('enforce_multipath', False)
    return wsgi.response({'connection_info': info})


def _terminate(volumes, ctxt, volume_id, body):
    body = request_validation.check(schemas.terminate_connection, body)
    _attach_api(volumes).terminate_connection(
        ctxt, volume_id, body['os-terminate_connection']['connector'])
    return wsgi.response(status=202)


def _remote_type(exc):
    """The class name cinder quotes from the volume service's error
    (oslo.messaging names its copy of a remote exception <name>_Remote)."""
    name = type(exc).__name__
    return name[:-len('_Remote')] if name.endswith('_Remote') else name


def _attach(volumes, ctxt, volume_id, body):
    body = request_validation.check(schemas.attach, body)['os-attach']
    mode = body.get('mode', 'rw')
    api = _attach_api(volumes)
    # The API's own refusals (maintenance, read-only) are plain faults.
    volume = api.check_attach(ctxt, volume_id, mode)
    from stratus.api.volume import attachments
    attachments.check_server_visible(ctxt, body.get('instance_uuid'))
    try:
        api.volume_rpc.attach_volume(
            ctxt, volume, body.get('instance_uuid'),
            body.get('host_name'), body['mountpoint'], mode)
    except (exception.InvalidVolume, exception.InvalidVolumeAttachMode) as \
            exc:
        # What cinder says of the volume service's refusal.
        raise exception.Invalid('Error attaching volume - %s: %s' % (
            _remote_type(exc), exc.message))
    return wsgi.response(status=202)


def _detach(volumes, ctxt, volume_id, body):
    body = request_validation.check(schemas.detach, body)['os-detach'] or {}
    local = volumes.get(ctxt, volume_id)['status'] == states.MAINTENANCE
    try:
        _attach_api(volumes).detach(ctxt, volume_id,
                                    body.get('attachment_id'))
    except (exception.VolumeAttachmentNotFound,
            exception.InvalidVolume) as exc:
        if local:
            raise
        raise exception.Invalid('Error detaching volume - %s: %s' % (
            _remote_type(exc), exc.message))
    return wsgi.response(status=202)


HANDLERS = {
    'os-extend': _extend,
    'os-set_bootable': _set_bootable,
    'os-update_readonly_flag': _update_readonly_flag,
    'os-show_image_metadata': _show_image_metadata,
    'os-set_image_metadata': _set_image_metadata,
    'os-unset_image_metadata': _unset_image_metadata,
    'os-volume_upload_image': _upload_image,
    'os-retype': _retype,
    'os-reimage': _reimage,
    'revert': _revert,
    'os-unmanage': unmanage.unmanage_volume,
    'os-reserve': _simple('reserve'),
    'os-unreserve': _simple('unreserve'),
    'os-begin_detaching': _simple('begin_detaching'),
    'os-roll_detaching': _simple('roll_detaching'),
    'os-initialize_connection': _initialize,
    'os-terminate_connection': _terminate,
    'os-attach': _attach,
    'os-detach': _detach,
}
HANDLERS.update(volume_admin_actions.HANDLERS)


def action_name(handlers):
    """The body's single key, as cinder's action dispatch reads it: not
    one key (or no JSON) is 'Malformed request body', an unknown key 'There
    is no such action'."""
    try:
        body = validation.load_json(pecan.request)
    except exception.MalformedRequestBody:
        body = None
    if not isinstance(body, dict) or len(body) != 1:
        raise exception.Invalid('Malformed request body')
    name = next(iter(body))
    if name not in handlers:
        raise exception.Invalid(
            'There is no such action: %s. Verify the request body and '
            'Content-Type header and try again.' % name)
    return name, body


# Readers may read (cinder's reader role); every other action writes.
READING = ('os-show_image_metadata',)


def dispatch(volumes, volume_id):
    ctxt = wsgi.context()
    policy.require_reader(ctxt, 'volume:action')
    name, body = action_name(HANDLERS)
    if name not in READING:
        policy.require_member(ctxt, 'volume:action')
    return HANDLERS[name](volumes, ctxt, volume_id, body)
