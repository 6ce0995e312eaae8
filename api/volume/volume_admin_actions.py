"""The admin actions of POST /volumes/{id}/action (cinder's
admin_actions): os-reset_status, os-force_delete, os-force_detach,
os-migrate_volume, os-migrate_volume_completion,
os-extend_volume_completion."""
from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import request_validation
from stratus.api.volume.schemas import volume_actions as schemas
from stratus.api.volume.schemas import volumes as volume_schemas
from stratus.common import exception
from stratus.db.api import volume_attachments
from stratus.db import session
from stratus.volume import actions_api
from stratus.volume import migrate_api

_ADMIN = 'volume_extension:volume_admin_actions:'


def reset_status(volumes, ctxt, volume_id, body):
    body = request_validation.check(volume_schemas.reset_status_nullable,
                                    body)
    volume = volumes.get(ctxt, volume_id)
    policy.require_admin(ctxt, _ADMIN + 'reset_status')
    inner = body['os-reset_status']
    status = (inner.get('status') or '').lower() or None
    attach_status = (inner.get('attach_status') or '').lower() or None
    migration_status = (inner.get('migration_status') or '').lower() or None
    if status in ('deleting', 'error_deletingdetaching'):
        # (cinder's list lacks a comma: 'error_deleting' and 'detaching'
        # pass as one string.)
        raise exception.Invalid('Cannot reset-state to %s' % status)
    if status == 'in-use':
        with session.reader() as s:
            attached = volume_attachments.for_volume(s, volume['id'])
        if not attached:
            raise exception.Invalid('Cannot reset-state to in-use because '
                                    'volume does not have any attachments.')
    volumes.reset_status(ctxt, volume['id'], status, attach_status,
                         migration_status)
    return wsgi.response(status=202)


def force_delete(volumes, ctxt, volume_id, body):
    volume = volumes.get(ctxt, volume_id)
    policy.require_admin(ctxt, _ADMIN + 'force_delete')
    volumes.delete(ctxt, volume['id'], force=True)
    return wsgi.response(status=202)


def force_detach(volumes, ctxt, volume_id, body):
    body = request_validation.check(schemas.force_detach, body)['os-force_detach']
    volume = volumes.get(ctxt, volume_id)
    policy.require_admin(ctxt, _ADMIN + 'force_detach')
    actions_api.ActionsAPI(volumes).force_detach(
        ctxt, volume['id'], body.get('connector'), body.get('attachment_id'))
    return wsgi.response(status=202)


def migrate_volume(volumes, ctxt, volume_id, body):
    version = wsgi.version()
    schema = schemas.migrate_volume_316 if version >= (3, 16) \
        else schemas.migrate_volume
    params = request_validation.check(schema, body)['os-migrate_volume']
    volume = volumes.get(ctxt, volume_id)
    policy.require_admin(ctxt, _ADMIN + 'migrate_volume')
    # cinder's get_cluster_host
    host, cluster = params.get('host'), params.get('cluster')
    if version < (3, 16):
        cluster = None
    if bool(host) == bool(cluster):
        raise exception.Invalid(reason=(
            'One and only one of cluster and host must be set.'
            if version >= (3, 16) else 'Host field is missing.'))
    force_copy = common.is_true(params.get('force_host_copy', False),
                                'force_host_copy')
    lock = common.is_true(params.get('lock_volume', False), 'lock_volume')
    migrate_api.MigrateAPI(volumes).migrate_volume(
        ctxt, volume, host or cluster, force_copy, lock)
    return wsgi.response(status=202)


def migrate_volume_completion(volumes, ctxt, volume_id, body):
    params = request_validation.check(schemas.migrate_volume_completion,
                              body)['os-migrate_volume_completion']
    volume = volumes.get(ctxt, volume_id)
    policy.require_admin(ctxt, _ADMIN + 'migrate_volume_completion')
    new_volume = volumes.get(ctxt, params['new_volume'])
    error = params.get('error', False)
    if isinstance(error, str):
        error = common.is_true(error, 'error')
    saved = migrate_api.MigrateAPI(volumes).migrate_volume_completion(
        ctxt, volume, new_volume, bool(error))
    return wsgi.response({'save_volume_id': saved})


def extend_volume_completion(volumes, ctxt, volume_id, body):
    """Completes an extend that waits for the compute's part. stratus's
    backends finish their extends themselves and never store the
    extend_new_size / extend_reservations admin metadata such an extend
    keeps, so this answers with cinder's refusals."""
    request_validation.check(schemas.extend_volume_completion, body)
    volume = volumes.get(ctxt, volume_id)
    policy.require_admin(ctxt, _ADMIN + 'extend_volume_completion')
    if volume['status'] != 'extending':
        raise exception.InvalidVolume(reason='Volume is not being extended.')
    raise exception.InvalidVolume(
        reason='Required volume admin metadata is malformed or missing.')


HANDLERS = {
    'os-extend_volume_completion': extend_volume_completion,
    'os-reset_status': reset_status,
    'os-force_delete': force_delete,
    'os-force_detach': force_detach,
    'os-migrate_volume': migrate_volume,
    'os-migrate_volume_completion': migrate_volume_completion,
}
