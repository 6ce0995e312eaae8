"""Existing backend objects: /manageable_volumes and
/manageable_snapshots (3.8; list, detail, manage) and the older
/os-volume-manage and /os-snapshot-manage (any version), as cinder routes
them. Admins only. Unmanage is an action: api/volume/unmanage.py."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import request_validation
from stratus.api.volume.schemas import common as types
from stratus.api.volume.views import snapshots as snapshot_views
from stratus.api.volume.views import volumes as volume_views
from stratus.common import exception
from stratus.db.api import volume_types
from stratus.volume import api as volume_api
from stratus.volume import manage_api

MANAGE = manage_api.ManageAPI()
VOLUMES = volume_api.VolumeAPI()
MAX_LIMIT = 1000        # cinder's osapi_max_limit
_HOST = {'type': ['string', 'null'], 'minLength': 0, 'maxLength': 255}


def _volume_schema(version):
    properties = {
        'description': types.DESCRIPTION,
        'availability_zone': types.NAME, 'bootable': types.BOOLEAN,
        'volume_type': types.NAME, 'name': types.NAME, 'host': _HOST,
        'ref': {'type': ['object', 'string']},
        'metadata': dict(types.METADATA, type=['object', 'null'])}
    if version >= (3, 16):
        properties['cluster'] = _HOST
    return types.wrap('volume', properties, ['ref'])


_SNAPSHOT = types.wrap('snapshot', {
    'description': types.DESCRIPTION,
    'metadata': dict(types.METADATA, type=['object', 'null']),
    'name': types.NAME, 'volume_id': {'type': 'string', 'format': 'uuid'},
    'ref': {'type': ['object', 'null', 'string']}}, ['ref', 'volume_id'])


def _host(params, cluster_since):
    """cinder's get_cluster_host: one and only one of cluster and host (a
    cluster never names a service here)."""
    if cluster_since is not None and wsgi.version() >= cluster_since:
        cluster = params.get('cluster')
        message = 'One and only one of cluster and host must be set.'
    else:
        cluster = None
        message = 'Host field is missing.'
    host = params.get('host')
    if bool(cluster) == bool(host):
        raise exception.Invalid(reason=message)
    if cluster:
        raise exception.ServiceNotFound(
            'Service cinder-volume could not be found.')
    return host


def _paging(kwargs):
    limit, marker, offset, sort = common.paging(kwargs)
    if not any(k in kwargs for k in ('sort', 'sort_key', 'sort_dir')):
        sort = [('reference', 'desc')]
    invalid = [key for key, _d in sort if key not in ('reference', 'size')]
    if invalid:
        raise exception.Invalid('Invalid sort keys passed: %s'
                                % ', '.join(invalid))
    limit = MAX_LIMIT if limit is None else min(limit, MAX_LIMIT)
    return {'marker': marker, 'limit': limit, 'offset': offset,
            'sort_keys': [k for k, _d in sort],
            'sort_dirs': [d for _k, d in sort]}


_SUMMARY = ('reference', 'size', 'safe_to_manage')
_DETAIL = _SUMMARY + ('reason_not_safe', 'cinder_id', 'extra_info')


class _ManageableController(rest.RestController):
    """`min_version`: (3, 8) under /manageable_*, None under /os-*."""
    _custom_actions = {'detail': ['GET']}
    kind = None

    def __init__(self, min_version=None):
        self.min_version = min_version

    def _check_version(self):
        if self.min_version and wsgi.version() < self.min_version:
            raise exception.NotFound('The resource could not be found.')

    def _list(self, kwargs, detailed):
        ctxt = wsgi.context()
        self._check_version()
        policy.require_admin(ctxt, self.list_policy)
        params = {k: wsgi.query_value(kwargs, k) for k in kwargs}
        host = _host(params, (3, 17))
        listed = getattr(MANAGE, 'manageable_%ss' % self.kind)(
            ctxt, host, **_paging(kwargs))
        keys = _DETAIL if detailed else _SUMMARY
        if self.kind == 'snapshot':
            keys += ('source_reference',)
        return wsgi.response({'manageable-%ss' % self.kind: [
            {key: item.get(key) for key in keys} for item in listed]})

    @pecan.expose()
    def get_all(self, **kwargs):
        return self._list(kwargs, detailed=False)

    @pecan.expose()
    def detail(self, **kwargs):
        return self._list(kwargs, detailed=True)


class ManageableVolumesController(_ManageableController):
    kind = 'volume'
    list_policy = 'volume_extension:list_manageable'

    @pecan.expose()
    def post(self):
        ctxt = wsgi.context()
        self._check_version()
        version = wsgi.version()
        body = request_validation.body(_volume_schema(version))['volume']
        policy.require_admin(ctxt, 'volume_extension:volume_manage')
        host = _host(body, (3, 16))
        volume_type = None
        if body.get('volume_type'):
            try:
                volume_type = volume_types.type_get_by_name_or_id(
                    body['volume_type'])
            except exception.VolumeTypeNotFound:
                raise exception.InvalidVolumeType(
                    reason="Cannot find requested '%s' volume type"
                           % body['volume_type'])
        try:
            volume = MANAGE.manage_volume(
                ctxt, host, body['ref'],
                name=(body.get('name') or '').strip() or None,
                description=(body.get('description') or '').strip() or None,
                volume_type=volume_type, metadata=body.get('metadata'),
                availability_zone=body.get('availability_zone'),
                bootable=common.is_true(body.get('bootable', False),
                                        'bootable'))
        except exception.ServiceNotFound:
            raise exception.Invalid("Host '%s' not found" % host)
        # cinder answers with its base (3.0) detail view whatever the
        # microversion.
        return wsgi.response({'volume': volume_views.detail(
            volume, (3, 0), ctxt.is_admin, extended=False)}, status=202)


class ManageableSnapshotsController(_ManageableController):
    kind = 'snapshot'
    list_policy = 'snapshot_extension:list_manageable'

    @pecan.expose()
    def post(self):
        ctxt = wsgi.context()
        self._check_version()
        body = request_validation.body(_SNAPSHOT)['snapshot']
        volume = VOLUMES.get(ctxt, body['volume_id'])
        policy.require_admin(ctxt, 'snapshot_extension:snapshot_manage')
        snapshot = MANAGE.manage_snapshot(
            ctxt, volume, body['ref'], name=body.get('name'),
            description=body.get('description'),
            metadata=body.get('metadata'))
        return wsgi.response({'snapshot': snapshot_views.summary(snapshot)},
                             status=202)
