"""/compute/v2.1/os-volumes: nova's proxy of block storage (list, detail,
show, create, delete), served 2.1 to 2.35 and 404 from 2.36, as nova.

Backed by stratus's volume API in-process (as compute/server_volumes.py
is); cinder's refusals keep their status codes."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute.views import volumes_proxy as views
from stratus.common import exception
from stratus.db.api import volumes as db_volumes

MAX_PROXY_VERSION = (2, 35)
_create = {
    'type': 'object',
    'properties': {'volume': {
        'type': 'object',
        'properties': {
            'volume_type': {'type': 'string'},
            'metadata': {'type': 'object'},
            'snapshot_id': {'type': 'string'},
            'size': {'type': ['integer', 'string'], 'pattern': '^[0-9]+$',
                     'minimum': 1},
            'availability_zone': {'type': 'string'},
            'display_name': {'type': 'string'},
            'display_description': {'type': 'string'},
        },
        'required': ['size'], 'additionalProperties': False}},
    'required': ['volume'], 'additionalProperties': False,
}


def begin(action, write=False):
    """The request's context once the version and the policy allow it."""
    if wsgi.version() > MAX_PROXY_VERSION:
        raise exception.NotFound('The resource could not be found.')
    ctxt = wsgi.context()
    rule = 'os_compute_api:os-volumes:%s' % action
    if write:
        policy.require_member(ctxt, rule)
    else:
        policy.require_reader(ctxt, rule)
    return ctxt


def limited(items, kwargs):
    """nova's common.limited: `offset` then `limit` (at most 1000)."""
    numbers = {}
    for key in ('offset', 'limit'):
        value = wsgi.query_value(kwargs, key)
        if value is None:
            continue
        try:
            numbers[key] = int(value)
        except ValueError:
            numbers[key] = -1
        if numbers[key] < 0:
            raise exception.Invalid('%s param must be an integer' % key)
    offset = numbers.get('offset', 0)
    limit = min(1000, numbers.get('limit') or 1000)
    return items[offset:offset + limit]


def _volume_api():
    from stratus.compute import server_volumes
    return server_volumes.volume_api()


class VolumesProxyController(rest.RestController):
    _custom_actions = {'detail': ['GET']}

    def _list(self, kwargs, action):
        ctxt = begin(action)
        rows = db_volumes.list_volumes(project_id=ctxt.project_id)
        return wsgi.response({'volumes': [views.volume(v) for v in
                                          limited(rows, kwargs)]})

    @pecan.expose()
    def get_all(self, **kwargs):
        return self._list(kwargs, 'list')

    @pecan.expose()
    def detail(self, **kwargs):
        return self._list(kwargs, 'detail')

    @pecan.expose()
    def get_one(self, volume_id):
        ctxt = begin('show')
        return wsgi.response({'volume': views.volume(
            _volume_api().get(ctxt, volume_id))})

    @pecan.expose()
    def post(self):
        ctxt = begin('create', write=True)
        body = validation.body(_create)['volume']
        size = int(body['size'])
        if body.get('snapshot_id') is not None:
            from stratus.api.volume import snapshots
            snapshots.SNAPSHOTS.get(ctxt, body['snapshot_id'])
        volume = _volume_api().create(ctxt, {
            'size': size, 'name': body.get('display_name'),
            'description': body.get('display_description'),
            'volume_type': body.get('volume_type'),
            'availability_zone': body.get('availability_zone'),
            'snapshot_id': body.get('snapshot_id'), 'source_volid': None,
            'image_id': None, 'metadata': body.get('metadata') or {},
            'multiattach': False, 'scheduler_hints': {}, 'group_id': None})
        volume = _volume_api().get(ctxt, volume['id'])
        return wsgi.response({'volume': views.volume(volume)}, headers={
            'Location': '%s/compute/v2.1/os-volumes/%s' % (
                wsgi.host_url(), volume['id'])})

    @pecan.expose()
    def delete(self, volume_id):
        ctxt = begin('delete', write=True)
        _volume_api().delete(ctxt, volume_id)
        return wsgi.response(status=202)
