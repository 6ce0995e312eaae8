"""/compute/v2.1/os-snapshots: nova's proxy of block-storage snapshots
(list, detail, show, create, delete), 2.1 to 2.35, 404 from 2.36."""
import pecan
from pecan import rest

from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import volumes_proxy
from stratus.api.compute.views import volumes_proxy as views
from stratus.common import exception
from stratus.db.api import snapshots as db_snapshots

_create = {
    'type': 'object',
    'properties': {'snapshot': {
        'type': 'object',
        'properties': {
            'volume_id': {'type': 'string'},
            'force': {'type': ['boolean', 'string']},
            'display_name': {'type': 'string'},
            'display_description': {'type': 'string'},
        },
        'required': ['volume_id'], 'additionalProperties': False}},
    'required': ['snapshot'], 'additionalProperties': False,
}
_TRUE = ('1', 't', 'true', 'on', 'y', 'yes')
_FALSE = ('0', 'f', 'false', 'off', 'n', 'no')


def _force(value):
    """oslo's strict bool_from_string, as nova applies it."""
    if isinstance(value, bool):
        return value
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise exception.Invalid("Unrecognized value '%s', acceptable values "
                            "are: '0', '1', 'f', 'false', 'n', 'no', 'off', "
                            "'on', 't', 'true', 'y', 'yes'" % value)


def _snapshot_api():
    from stratus.api.volume import snapshots
    return snapshots.SNAPSHOTS


class SnapshotsProxyController(rest.RestController):
    _custom_actions = {'detail': ['GET']}

    def _list(self, kwargs, action):
        ctxt = volumes_proxy.begin(action)
        rows = db_snapshots.list_snapshots(project_id=ctxt.project_id)
        return wsgi.response({'snapshots': [
            views.snapshot(s) for s in volumes_proxy.limited(rows, kwargs)]})

    @pecan.expose()
    def get_all(self, **kwargs):
        return self._list(kwargs, 'snapshots:list')

    @pecan.expose()
    def detail(self, **kwargs):
        return self._list(kwargs, 'snapshots:detail')

    @pecan.expose()
    def get_one(self, snapshot_id):
        ctxt = volumes_proxy.begin('snapshots:show')
        return wsgi.response({'snapshot': views.snapshot(
            _snapshot_api().get(ctxt, snapshot_id))})

    @pecan.expose()
    def post(self):
        ctxt = volumes_proxy.begin('snapshots:create', write=True)
        body = validation.body(_create)['snapshot']
        force = _force(body.get('force', False))
        volume = volumes_proxy._volume_api().get(ctxt, body['volume_id'])
        snapshot = _snapshot_api().create(
            ctxt, volume, body.get('display_name'),
            body.get('display_description'), force=force)
        return wsgi.response({'snapshot': views.snapshot(snapshot)})

    @pecan.expose()
    def delete(self, snapshot_id):
        ctxt = volumes_proxy.begin('snapshots:delete', write=True)
        _snapshot_api().delete(ctxt, snapshot_id)
        return wsgi.response(status=202)
