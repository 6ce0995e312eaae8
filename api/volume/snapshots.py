"""/volume/v3/snapshots: list, detail, show, create, update, delete, the
admin actions (snapshot_actions) and metadata."""
from oslo_utils import strutils
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import snapshot_actions
from stratus.api.volume import filters as filters_mod
from stratus.api.volume import request_validation
from stratus.api.volume import snapshot_metadata
from stratus.api.volume.schemas import snapshots as schemas
from stratus.api.volume.views import snapshots as views
from stratus.common import exception
from stratus.db import models
from stratus.db.api import snapshots as db_snapshots
from stratus.volume import snapshot_api

SNAPSHOTS = snapshot_api.SnapshotAPI()
_IN_USE_FLAG = (
    "Since microversion 3.66 the 'force' flag is invalid for this "
    "request.  For backward compatability, however, when the 'force' "
    "flag is passed with a value evaluating to True, it is silently "
    "ignored.")


def _stripped(value):
    return value.strip() if isinstance(value, str) else value


# Filters cinder drops before the version that added them (pre-3.31),
# and what a non-admin may name then.
_ADDED = (((3, 22), 'metadata'), ((3, 65), 'use_quota'))
_LEGACY_ALLOWED = ('status', 'volume_id', 'name', 'metadata')
# Keys the database layer handles besides the snapshot columns.
_SPECIAL = ('metadata', 'host', 'cluster_name', 'availability_zone')


def _filters(ctxt, kwargs, version):
    """cinder's snapshot list filters: (database filters, all tenants
    asked by an admin, whether nothing can match)."""
    def legacy(filters):
        for since, key in _ADDED:
            if version < since:
                filters.pop(key, None)
        filters_mod.drop_unknown(ctxt, filters, _LEGACY_ALLOWED)

    filters = filters_mod.general(
        ctxt, filters_mod.query(kwargs, version), 'snapshot', version,
        legacy)
    nothing = False
    if 'metadata' in filters:
        filters['metadata'] = filters_mod.literal(filters['metadata'])
        nothing = not isinstance(filters['metadata'], dict)
    if 'use_quota' in filters:
        filters['use_quota'] = filters_mod.bool_param('use_quota',
                                                      filters['use_quota'])
    if 'name' in filters:
        filters['display_name'] = filters.pop('name')
    all_tenants = strutils.bool_from_string(filters.pop('all_tenants',
                                                        'false'))
    if not (ctxt.is_admin and all_tenants):
        # cinder's per-project query sets project_id over the caller's.
        filters.pop('project_id', None)
    columns, like, unknown = filters_mod.split_columns(
        filters, models.Snapshot, _SPECIAL)
    spec = {key: filters[key] for key in _SPECIAL if key in filters}
    spec.update(columns=columns, like=like)
    return spec, ctxt.is_admin and all_tenants, nothing or unknown


def _list(kwargs, detailed):
    ctxt = wsgi.context()
    version = wsgi.version()
    policy.require_reader(ctxt, 'volume:get_all_snapshots')
    limit, marker, offset, sort = common.paging(kwargs)
    # 'name' sorts from 3.30; before, cinder finds no such column.
    common.check_sort(sort, set(models.Snapshot.__table__.columns.keys())
                      | ({'name'} if version >= (3, 30) else set()))
    filters, all_tenants, nothing = _filters(ctxt, kwargs, version)
    project_id = None if all_tenants else ctxt.project_id
    rows, count = [], None
    if not nothing:
        rows = db_snapshots.list_snapshots(
            project_id=project_id, filters=filters, limit=limit,
            marker=marker, sort=sort, offset=offset)
    if filters_mod.with_count(kwargs, version):
        count = 0 if nothing else db_snapshots.count(project_id=project_id,
                                                     filters=filters)
    items = [views.detail(r, version) if detailed else views.summary(r)
             for r in rows]
    collection = 'snapshots/detail' if detailed else 'snapshots'
    return wsgi.response(views.collection(
        items, common.next_links(rows, limit, collection, count=count),
        count))


class SnapshotsController(rest.RestController):
    _custom_actions = {'detail': ['GET'], 'action': ['POST']}
    metadata = snapshot_metadata.SnapshotMetadataController()

    @pecan.expose()
    def get_all(self, **kwargs):
        return _list(kwargs, detailed=False)

    @pecan.expose()
    def detail(self, **kwargs):
        return _list(kwargs, detailed=True)

    @pecan.expose()
    def get_one(self, snapshot_id):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'volume:get_snapshot')
        snapshot = SNAPSHOTS.get(ctxt, snapshot_id)
        return wsgi.response({'snapshot': views.detail(snapshot,
                                                       wsgi.version())})

    @pecan.expose()
    def post(self):
        from stratus.api.volume.volumes import VOLUMES
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'volume:create_snapshot')
        version = wsgi.version()
        body = request_validation.body(schemas.create)['snapshot']
        volume = VOLUMES.get(ctxt, body['volume_id'])
        force = False
        if body.get('force') is not None:
            force = common.is_true(body['force'], 'force')
            if version >= (3, 66) and not force:
                raise exception.Invalid(_IN_USE_FLAG)
        # From 3.66 an in-use volume needs no force.
        force = force or version >= (3, 66)
        name = body.get('name', body.get('display_name'))
        snapshot = SNAPSHOTS.create(
            ctxt, volume, _stripped(name),
            _stripped(body.get('description')), body.get('metadata'),
            force=force)
        return wsgi.response({'snapshot': views.detail(
            snapshot, version, extended=False)}, status=202)

    @pecan.expose()
    def put(self, snapshot_id):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'volume:update_snapshot')
        body = request_validation.body(schemas.update)['snapshot']
        values = {}
        for key, column in (('name', 'display_name'),
                            ('display_name', 'display_name'),
                            ('description', 'display_description'),
                            ('display_description', 'display_description')):
            if key in body:
                values[column] = _stripped(body[key])
        snapshot = SNAPSHOTS.update(ctxt, snapshot_id, values)
        return wsgi.response({'snapshot': views.detail(
            snapshot, wsgi.version(), extended=False)})

    @pecan.expose()
    def delete(self, snapshot_id):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'volume:delete_snapshot')
        SNAPSHOTS.delete(ctxt, snapshot_id)
        return wsgi.response(status=202)

    @pecan.expose()
    def action(self, snapshot_id):
        return snapshot_actions.dispatch(SNAPSHOTS, snapshot_id)
