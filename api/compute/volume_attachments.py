"""/compute/v2.1/servers/{server_id}/os-volume_attachments: the volumes of
a server. Attach answers 200 with the attachment (202 only from 2.101,
above what stratus serves), detach 202; 2.20 lets shelved servers attach
and detach (records only when offloaded); 2.85 PUT changes
delete_on_termination. PUT as a volume swap (before 2.85, or with another
volumeId; admin) is cinder's call while it migrates an attached volume:
409 for a volume that is not migrating, as nova answers."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import query
from stratus.api.compute.schemas import volume_attachments as schemas
from stratus.api.compute.views import volume_attachments as views
from stratus.common import exception
from stratus.common.conf import CONF
from stratus.compute import server_volumes
from stratus.compute import states

_POLICY = 'os_compute_api:os-volumes-attachments:%s'


def _api():
    from stratus.api.compute import servers
    return server_volumes.ServerVolumesAPI(servers.COMPUTE)


def _check_shelved(api, ctxt, server_id, action):
    """Before 2.20 a shelved server cannot attach or detach (409)."""
    if wsgi.version() >= (2, 20):
        return
    instance = api.compute.get(ctxt, server_id)
    if instance['vm_state'] in (states.SHELVED, states.SHELVED_OFFLOADED):
        raise exception.InstanceInvalidState(
            action=action, instance_uuid=server_id, attr='vm_state',
            state=instance['vm_state'])


def _page(kwargs, rows):
    """nova's limit/offset paging of this list (limit at most max_limit)."""
    strict = wsgi.version() >= (2, 75)
    query.check(kwargs, query.schema(
        {'limit': query.multi(query.NON_NEGATIVE_INT),
         'offset': query.multi(query.NON_NEGATIVE_INT)}, strict))
    offset = int(wsgi.query_value(kwargs, 'offset') or 0)
    limit = min(int(wsgi.query_value(kwargs, 'limit') or
                    CONF.api.max_limit), CONF.api.max_limit)
    return rows[offset:offset + limit]


def _swap(ctxt, api, instance, old_volume_id, new_volume_id):
    """nova's _update_volume_swap: the old volume (in the path) unknown is
    404, the new one (in the body) 400."""
    volumes = server_volumes.volume_api()
    old_volume = volumes.get(ctxt, old_volume_id)
    if not old_volume['migration_status']:
        raise exception.Conflict('volume %s is not migrating; this API '
                                 'should only be called by Cinder'
                                 % old_volume_id)
    try:
        new_volume = volumes.get(ctxt, new_volume_id)
    except exception.VolumeNotFound as exc:
        raise exception.Invalid(exc.message)
    api.compute.swap_volume(ctxt, instance, old_volume, new_volume)


class VolumeAttachmentsController(rest.RestController):
    """Mounted under a server; every method takes the server id first."""

    @pecan.expose()
    def get_all(self, server_id, **kwargs):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, _POLICY % 'index')
        rows = _page(kwargs, _api().list(ctxt, server_id))
        version = wsgi.version()
        return wsgi.response({'volumeAttachments': [
            views.detail(r, version) for r in rows]})

    @pecan.expose()
    def get_one(self, server_id, volume_id):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, _POLICY % 'show')
        bdm = _api().get(ctxt, server_id, volume_id)
        return wsgi.response({'volumeAttachment': views.detail(
            bdm, wsgi.version())})

    @pecan.expose()
    def post(self, server_id):
        ctxt = wsgi.context()
        policy.require_member(ctxt, _POLICY % 'create')
        version = wsgi.version()
        body = validation.body(schemas.create(version))['volumeAttachment']
        api = _api()
        _check_shelved(api, ctxt, server_id, 'attach_volume')
        bdm = api.attach(
            ctxt, server_id, body['volumeId'], device=body.get('device'),
            tag=body.get('tag'), delete_on_termination=schemas.boolean(
                body.get('delete_on_termination', False)))
        if version >= (2, 101):
            # 2.101: accepted, no body; callers watch the volume's status.
            return wsgi.response(status=202)
        return wsgi.response({'volumeAttachment': views.created(bdm,
                                                                version)})

    @pecan.expose()
    def put(self, server_id, volume_id):
        ctxt = wsgi.context()
        version = wsgi.version()
        body = validation.body(schemas.update(version))['volumeAttachment']
        api = _api()
        instance = api.compute.get(ctxt, server_id)
        swap = version < (2, 85) or body['volumeId'] != volume_id
        if swap:
            policy.require_admin(ctxt, _POLICY % 'swap')
        else:
            policy.require_member(ctxt, _POLICY % 'update')
        if version >= (2, 85):
            # 2.85: the attachment's own fields first, then the swap.
            changes = dict(body)
            if 'delete_on_termination' in changes:
                changes['delete_on_termination'] = schemas.boolean(
                    changes['delete_on_termination'])
            api.update(ctxt, server_id, volume_id, changes)
        if swap:
            _swap(ctxt, api, instance, volume_id, body['volumeId'])
        return wsgi.response(status=202)

    @pecan.expose()
    def delete(self, server_id, volume_id):
        ctxt = wsgi.context()
        policy.require_member(ctxt, _POLICY % 'delete')
        api = _api()
        _check_shelved(api, ctxt, server_id, 'detach_volume')
        api.detach(ctxt, server_id, volume_id)
        return wsgi.response(status=202)
