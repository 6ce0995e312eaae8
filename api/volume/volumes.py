"""/volume/v3/volumes: list, detail, summary, show, create, update,
delete, and the sub-resources (action, metadata)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.volume import backups
from stratus.api.volume import common
from stratus.api.volume import volume_actions
from stratus.api.volume import volume_metadata
from stratus.api.volume.schemas import volumes as schemas
from stratus.api.volume.views import volumes as views
from stratus.common import exception
from stratus.db.api import volume_types
from stratus.db.api import volumes as db_volumes
from stratus.volume import api as volume_api

VOLUMES = volume_api.VolumeAPI()
_SIMPLE_FILTERS = ('status', 'availability_zone', 'group_id', 'user_id')


def _type_filter(value):
    try:
        return volume_types.type_get_by_name_or_id(value)['id']
    except exception.VolumeTypeNotFound:
        return '-'          # matches nothing


def _filters(ctxt, kwargs, version):
    filters = {key: wsgi.query_value(kwargs, key) for key in _SIMPLE_FILTERS
               if wsgi.query_value(kwargs, key) is not None}
    name = wsgi.query_value(kwargs, 'name') or \
        wsgi.query_value(kwargs, 'display_name')
    if name is not None:
        filters['name'] = name
    if version >= (3, 34) and wsgi.query_value(kwargs, 'name~'):
        filters['name~'] = wsgi.query_value(kwargs, 'name~')
    if wsgi.query_value(kwargs, 'metadata'):
        filters['metadata'] = common.parse_dict(
            wsgi.query_value(kwargs, 'metadata'), 'metadata')
    if wsgi.query_value(kwargs, 'bootable') is not None:
        filters['bootable'] = common.query_bool(kwargs, 'bootable')
    if wsgi.query_value(kwargs, 'volume_type'):
        filters['volume_type_id'] = _type_filter(
            wsgi.query_value(kwargs, 'volume_type'))
    if version >= (3, 60):
        for key in ('created_at', 'updated_at'):
            if wsgi.query_value(kwargs, key):
                filters[key] = common.time_filter(
                    wsgi.query_value(kwargs, key), key)
    if version >= (3, 65) and wsgi.query_value(kwargs, 'consumes_quota'):
        filters['use_quota'] = common.query_bool(kwargs, 'consumes_quota')
    if ctxt.is_admin and wsgi.query_value(kwargs, 'host'):
        filters['host'] = wsgi.query_value(kwargs, 'host')
    return filters


def _list(kwargs, detailed):
    ctxt = wsgi.context()
    version = wsgi.version()
    policy.require_reader(ctxt, 'volume:get_all')
    limit, marker, offset, sort = common.paging(kwargs)
    common.check_sort(sort, db_volumes.SORT_KEYS)
    project_id = ctxt.project_id
    if ctxt.is_admin and common.query_bool(kwargs, 'all_tenants'):
        project_id = wsgi.query_value(kwargs, 'project_id')
    filters = _filters(ctxt, kwargs, version)
    rows = db_volumes.list_volumes(project_id=project_id, filters=filters,
                                   limit=limit, marker=marker, sort=sort,
                                   offset=offset)
    count = None
    if version >= (3, 45) and common.query_bool(kwargs, 'with_count'):
        count = db_volumes.count(project_id=project_id, filters=filters)
    items = [views.detail(r, version, ctxt.is_admin) if detailed
             else views.summary(r) for r in rows]
    collection = 'volumes/detail' if detailed else 'volumes'
    return wsgi.response(views.collection(
        items, common.next_links(rows, limit, collection, kwargs), count))


def _create_request(body, version):
    volume = body['volume']
    return {
        'size': volume.get('size'),
        'name': volume.get('name', volume.get('display_name')),
        'description': volume.get('description',
                                  volume.get('display_description')),
        'volume_type': volume.get('volume_type'),
        'availability_zone': volume.get('availability_zone'),
        'snapshot_id': volume.get('snapshot_id'),
        'source_volid': volume.get('source_volid'),
        'image_id': _image_ref(volume),
        'metadata': volume.get('metadata') or {},
        'multiattach': common.is_true(volume['multiattach'], 'multiattach')
        if volume.get('multiattach') is not None else False,
        'scheduler_hints': body.get('OS-SCH-HNT:scheduler_hints') or {},
        'group_id': volume.get('group_id') if version >= (3, 13) else None,
    }


def _image_ref(volume):
    ref = volume.get('imageRef') or volume.get('image_id')
    return str(ref).rstrip('/').rsplit('/', 1)[-1] if ref else None


class VolumesController(rest.RestController):
    _custom_actions = {'detail': ['GET'], 'summary': ['GET'],
                       'action': ['POST']}
    metadata = volume_metadata.VolumeMetadataController()

    @pecan.expose()
    def get_all(self, **kwargs):
        return _list(kwargs, detailed=False)

    @pecan.expose()
    def detail(self, **kwargs):
        return _list(kwargs, detailed=True)

    @pecan.expose()
    def summary(self, **kwargs):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'volume:get_volume_summary')
        if wsgi.version() < (3, 12):
            raise exception.NotFound()
        all_tenants = ctxt.is_admin and common.query_bool(kwargs,
                                                          'all_tenants')
        total, size, meta = db_volumes.summary(
            None if all_tenants else ctxt.project_id)
        body = {'total_count': total, 'total_size': size}
        if wsgi.version() >= (3, 36):
            body['metadata'] = meta
        return wsgi.response({'volume-summary': body})

    @pecan.expose()
    def get_one(self, volume_id):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'volume:get')
        volume = VOLUMES.get(ctxt, volume_id)
        return wsgi.response({'volume': views.detail(
            volume, wsgi.version(), ctxt.is_admin)})

    @pecan.expose()
    def post(self):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'volume:create')
        version = wsgi.version()
        body = validation.body(schemas.create(version))
        if body['volume'].get('backup_id'):
            backups.BACKUPS.volume_source(ctxt, body['volume']['backup_id'])
        volume = VOLUMES.create(ctxt, _create_request(body, version))
        return wsgi.response({'volume': views.detail(
            volume, version, ctxt.is_admin, extended=False)}, status=202)

    @pecan.expose()
    def put(self, volume_id):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'volume:update')
        version = wsgi.version()
        body = validation.body(schemas.update(version))['volume']
        values = {}
        for key, column in (('name', 'display_name'),
                            ('display_name', 'display_name'),
                            ('description', 'display_description'),
                            ('display_description', 'display_description')):
            if key in body:
                values[column] = body[key]
        volume = VOLUMES.update(ctxt, volume_id, values)
        if 'metadata' in body:
            VOLUMES.update_metadata(ctxt, volume_id, body['metadata'])
            volume = VOLUMES.get(ctxt, volume_id)
        return wsgi.response({'volume': views.detail(
            volume, version, ctxt.is_admin, extended=False)})

    @pecan.expose()
    def delete(self, volume_id, **kwargs):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'volume:delete')
        cascade = common.query_bool(kwargs, 'cascade')
        force = False
        if wsgi.version() >= (3, 23):
            force = common.query_bool(kwargs, 'force')
            if force:
                policy.require_admin(ctxt, 'volume:force_delete')
        VOLUMES.delete(ctxt, volume_id, cascade=cascade, force=force)
        return wsgi.response(status=202)

    @pecan.expose()
    def action(self, volume_id):
        return volume_actions.dispatch(VOLUMES, volume_id)
