"""/compute/v2.1/servers/{server_id}/os-volume_attachments: the volumes of
a server. Attach answers 200 with the attachment (202 only from 2.101,
above what stratus serves), detach 202; 2.20 lets shelved servers attach
and detach (records only when offloaded); 2.85 PUT changes
delete_on_termination. PUT as a volume swap (before 2.85, or with another
volumeId) is cinder's call during a volume migration, which stratus's
block storage does not do: it answers 409 as nova does for a volume that
is not migrating."""
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


def _swap(ctxt, volume_id):
    policy.require_admin(ctxt, _POLICY % 'swap')
    volume = server_volumes.volume_api().get(ctxt, volume_id)
    if not volume['migration_status']:
        raise exception.Conflict('volume %s is not migrating; this API '
                                 'should only be called by Cinder'
                                 % volume_id)
    raise exception.Conflict('Swapping volume %s is not supported: the '
                             'block storage service does not migrate '
                             'volumes' % volume_id)


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
        if version < (2, 85):
            _swap(ctxt, volume_id)
        policy.require_member(ctxt, _POLICY % 'update')
        changes = dict(body)
        if 'delete_on_termination' in changes:
            changes['delete_on_termination'] = schemas.boolean(
                changes['delete_on_termination'])
        _api().update(ctxt, server_id, volume_id, changes)
        if body['volumeId'] != volume_id:
            _swap(ctxt, volume_id)
        return wsgi.response(status=202)

    @pecan.expose()
    def delete(self, server_id, volume_id):
        ctxt = wsgi.context()
        policy.require_member(ctxt, _POLICY % 'delete')
        api = _api()
        _check_shelved(api, ctxt, server_id, 'detach_volume')
        api.detach(ctxt, server_id, volume_id)
        return wsgi.response(status=202)
