"""/volume/v3/volumes: list, detail, summary, show, create, update,
delete, and the sub-resources (action, metadata)."""
from oslo_utils import timeutils
from oslo_utils import uuidutils
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import backups
from stratus.api.volume import common
from stratus.api.volume import filters as filters_mod
from stratus.api.volume import groups
from stratus.api.volume import request_validation
from stratus.api.volume import volume_actions
from stratus.api.volume import volume_encryption_metadata as encryption_meta
from stratus.api.volume import volume_metadata
from stratus.api.volume.schemas import volumes as schemas
from stratus.api.volume.views import volumes as views
from stratus.common import exception
from stratus.db import models
from stratus.db.api import volumes as db_volumes
from stratus.volume import api as volume_api

VOLUMES = volume_api.VolumeAPI()
# Filters cinder drops before the version that added them (pre-3.31).
_ADDED = (((3, 4), 'glance_metadata'), ((3, 10), 'group_id'),
          ((3, 60), 'created_at'), ((3, 60), 'updated_at'),
          ((3, 65), 'use_quota'))
# Keys the database layer handles besides the columns.
_SPECIAL = ('metadata', 'glance_metadata', 'host', 'cluster_name',
            'created_at', 'updated_at', 'no_migration_targets')
_BOOLEANS = ('bootable', 'multiattach', 'shared_targets', 'use_quota',
             'deleted')


def _legacy(ctxt, version):
    def legacy(filters):
        for since, key in _ADDED:
            if version < since:
                filters.pop(key, None)
        filters_mod.drop_unknown(ctxt, filters,
                                 filters_mod.RESOURCE_FILTERS['volume'])
    return legacy


def _time_filter(value):
    """created_at=gt:2020-01-01T00:00:00,lt:... with cinder's 400s."""
    result = {}
    for unit in value.split(','):
        parts = unit.split(':')
        if parts[0] not in ('gt', 'gte', 'eq', 'neq', 'lt', 'lte'):
            raise exception.Invalid('Invalid %s operator' % parts[0])
        when = ':'.join(parts[1:])
        try:
            parsed = timeutils.parse_isotime(when)
        except ValueError:
            raise exception.Invalid('Invalid %s value' % when)
        result[parts[0]] = timeutils.normalize_time(parsed)
    return result


def _filters(ctxt, kwargs, version):
    """cinder's volume list filters: (filters for the database, all
    tenants asked by an admin, whether nothing can match)."""
    filters = filters_mod.general(
        ctxt, filters_mod.query(kwargs, version), 'volume', version,
        _legacy(ctxt, version))
    all_tenants = False
    if 'all_tenants' in filters:
        all_tenants = filters_mod.bool_param('all_tenants',
                                             filters['all_tenants'])
        if ctxt.is_admin and all_tenants:
            del filters['all_tenants']
    if not (ctxt.is_admin and all_tenants):
        # cinder's per-project query sets project_id over the caller's.
        filters.pop('project_id', None)
    if 'name' in filters:
        filters['display_name'] = filters.pop('name')
    if 'use_quota' in filters:
        filters['use_quota'] = filters_mod.bool_param('use_quota',
                                                      filters['use_quota'])
    for key in ('created_at', 'updated_at'):
        if key in filters:
            filters[key] = _time_filter(filters[key])
    for key, value in list(filters.items()):
        if key in _BOOLEANS:
            filters[key] = filters_mod.boolean(key, value,
                                               version >= (3, 2))
        elif key not in ('display_name', 'created_at', 'updated_at'):
            filters[key] = filters_mod.literal(value)
    if not ctxt.is_admin:
        filters['no_migration_targets'] = True
    columns, like, nothing = filters_mod.split_columns(
        filters, models.Volume, _SPECIAL)
    for key in ('metadata', 'glance_metadata'):
        if key in filters and not isinstance(filters[key], dict):
            nothing = True
    spec = {key: filters[key] for key in _SPECIAL if key in filters}
    for key in ('host', 'cluster_name'):
        if key in spec:
            spec[key.split('_')[0] + '_match'] = str(spec.pop(key))
    spec.update(columns=columns, like=like)
    return spec, ctxt.is_admin and all_tenants, nothing


def _list(kwargs, detailed):
    ctxt = wsgi.context()
    version = wsgi.version()
    policy.require_reader(ctxt, 'volume:get_all')
    limit, marker, offset, sort = common.paging(kwargs)
    common.check_sort(sort, set(models.Volume.__table__.columns.keys())
                      | {'name'})
    filters, all_tenants, nothing = _filters(ctxt, kwargs, version)
    project_id = None if all_tenants else ctxt.project_id
    rows, count = [], None
    if not nothing:
        rows = db_volumes.list_volumes(
            project_id=project_id, filters=filters, limit=limit,
            marker=marker, sort=sort, offset=offset)
    if filters_mod.with_count(kwargs, version):
        count = 0 if nothing else db_volumes.count(project_id=project_id,
                                                   filters=filters)
    items = [views.detail(r, version, ctxt.is_admin) if detailed
             else views.summary(r) for r in rows]
    collection = 'volumes/detail' if detailed else 'volumes'
    return wsgi.response(views.collection(
        items, common.next_links(rows, limit, collection, count=count),
        count))


_MULTIATTACH_REMOVED = (
    'multiattach parameter has been removed. The default behavior is to '
    'use multiattach enabled volume types. Contact your administrator to '
    'create a multiattach enabled volume type and use it to create '
    'multiattach volumes.')
_BAD_IMAGE = ('Invalid image identifier or unable to access requested '
              'image.')


def _stripped(value):
    return value.strip() if isinstance(value, str) else value


def _scheduler_hints(body, volume):
    """cinder: a non-null OS-SCH-HNT:scheduler_hints is checked and wins
    over the volume's own scheduler_hints key (accepted before 3.53)."""
    hints = body.get('OS-SCH-HNT:scheduler_hints')
    if hints is not None:
        request_validation.check(schemas.SCHEDULER_HINTS,
                                 {'OS-SCH-HNT:scheduler_hints': hints})
        return hints
    return volume.get('scheduler_hints') or {}


def _image_id(ctxt, ref):
    """cinder's imageRef: the last path segment as an id the caller may
    see, else an image of that exact name (two of them: 409)."""
    from stratus.db.api import image_list
    from stratus.volume.tasks import request as create_request
    candidate = ref.split('/').pop()
    if uuidutils.is_uuid_like(candidate):
        try:
            return create_request.visible_image(ctxt.to_dict(),
                                                 candidate)['id']
        except (exception.Invalid, exception.NotFound):
            pass
    images, _more = image_list.image_list(
        project_id=ctxt.project_id, is_admin=ctxt.is_admin,
        filters=[('name', 'eq', ref)], limit=2)
    if len(images) > 1:
        raise exception.Conflict("Multiple matches found for '%s', use an "
                                 "ID to be more specific." % ref)
    if images:
        return images[0]['id']
    raise exception.Invalid(_BAD_IMAGE)


def _group(ctxt, group_id):
    """cinder looks consistencygroup_id up as a group the caller may see
    (at every microversion; a group_id given too wins over it)."""
    return groups.GROUPS.get(ctxt, group_id)['id']


def _create_request(ctxt, body):
    volume = dict(body['volume'])
    for key in ('name', 'description', 'display_name',
                'display_description'):
        if key in volume:
            volume[key] = _stripped(volume[key])
    if 'image_id' in volume:
        volume['imageRef'] = volume.pop('image_id')
    cg_id = None
    if volume.get('consistencygroup_id') is not None:
        cg_id = _group(ctxt, volume['consistencygroup_id'])
    image_id = None
    if volume.get('imageRef') is not None:
        image_id = _image_id(ctxt, volume['imageRef'])
    if volume.get('backup_id'):
        backups.BACKUPS.volume_source(ctxt, volume['backup_id'])
    if 'multiattach' in volume and filters_mod.bool_param(
            'multiattach', volume['multiattach']):
        raise exception.Invalid(_MULTIATTACH_REMOVED)
    return {
        'size': volume.get('size'),
        'name': volume.get('name', volume.get('display_name')),
        'description': volume.get('description',
                                  volume.get('display_description')),
        'volume_type': volume.get('volume_type'),
        'availability_zone': volume.get('availability_zone'),
        'snapshot_id': volume.get('snapshot_id'),
        'source_volid': volume.get('source_volid'),
        'image_id': image_id,
        'metadata': volume.get('metadata') or {},
        'multiattach': False,
        'scheduler_hints': _scheduler_hints(body, volume),
        'group_id': (volume.get('group_id') if wsgi.version() >= (3, 13)
                     else None) or cg_id,
    }


def _bool_query(kwargs, key):
    value = wsgi.query_value(kwargs, key)
    return value is not None and filters_mod.bool_param(key, value)


class VolumesController(rest.RestController):
    _custom_actions = {'detail': ['GET'], 'summary': ['GET'],
                       'action': ['POST']}
    metadata = volume_metadata.VolumeMetadataController()
    encryption = encryption_meta.VolumeEncryptionMetadataController()

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
            raise exception.NotFound('The resource could not be found.')
        all_tenants = wsgi.query_value(kwargs, 'all_tenants')
        all_tenants = all_tenants is not None and filters_mod.bool_param(
            'all_tenants', all_tenants) and ctxt.is_admin
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
        body = request_validation.body(schemas.create(version))
        volume = VOLUMES.create(ctxt, _create_request(ctxt, body))
        return wsgi.response({'volume': views.detail(
            volume, version, ctxt.is_admin, extended=False)}, status=202)

    @pecan.expose()
    def put(self, volume_id):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'volume:update')
        version = wsgi.version()
        body = request_validation.body(schemas.update(version))['volume']
        values = {}
        for key, column in (('name', 'display_name'),
                            ('display_name', 'display_name'),
                            ('description', 'display_description'),
                            ('display_description', 'display_description')):
            if key in body:
                values[column] = _stripped(body[key])
        volume = VOLUMES.update(ctxt, volume_id, values)
        if 'metadata' in body:
            # cinder's update replaces the metadata, as PUT .../metadata.
            VOLUMES.update_metadata(ctxt, volume_id, body['metadata'],
                                    delete=True)
            volume = VOLUMES.get(ctxt, volume_id)
        return wsgi.response({'volume': views.detail(
            volume, version, ctxt.is_admin, extended=False)})

    @pecan.expose()
    def delete(self, volume_id, **kwargs):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'volume:delete')
        cascade = _bool_query(kwargs, 'cascade')
        force = False
        if wsgi.version() >= (3, 23):
            force = _bool_query(kwargs, 'force')
            if force:
                policy.require_admin(ctxt, 'volume:force_delete')
        VOLUMES.delete(ctxt, volume_id, cascade=cascade, force=force)
        return wsgi.response(status=202)

    @pecan.expose()
    def action(self, volume_id):
        return volume_actions.dispatch(VOLUMES, volume_id)
