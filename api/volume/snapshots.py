"""/volume/v3/snapshots: list, detail, show, create, update, delete, the
actions (snapshot_actions) and metadata."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import snapshot_actions
from stratus.api.volume import snapshot_metadata
from stratus.api.volume.schemas import snapshots as schemas
from stratus.api.volume.views import snapshots as views
from stratus.common import exception
from stratus.db.api import snapshots as db_snapshots
from stratus.volume import snapshot_api

SNAPSHOTS = snapshot_api.SnapshotAPI()


def _list(kwargs, detailed):
    ctxt = wsgi.context()
    version = wsgi.version()
    policy.require_reader(ctxt, 'volume:get_all_snapshots')
    limit, marker, offset, sort = common.paging(kwargs)
    common.check_sort(sort, db_snapshots.SORT_KEYS)
    project_id = ctxt.project_id
    if ctxt.is_admin and common.query_bool(kwargs, 'all_tenants'):
        project_id = wsgi.query_value(kwargs, 'project_id')
    filters = {key: wsgi.query_value(kwargs, key)
               for key in ('status', 'volume_id', 'name')
               if wsgi.query_value(kwargs, key) is not None}
    if version >= (3, 22) and wsgi.query_value(kwargs, 'metadata'):
        filters['metadata'] = common.parse_dict(
            wsgi.query_value(kwargs, 'metadata'), 'metadata')
    if version >= (3, 65) and wsgi.query_value(kwargs, 'consumes_quota'):
        filters['use_quota'] = common.query_bool(kwargs, 'consumes_quota')
    rows = db_snapshots.list_snapshots(project_id=project_id,
                                       filters=filters, limit=limit,
                                       marker=marker, sort=sort,
                                       offset=offset)
    count = None
    if version >= (3, 45) and common.query_bool(kwargs, 'with_count'):
        count = db_snapshots.count(project_id=project_id, filters=filters)
    items = [views.detail(r, version) if detailed else views.summary(r)
             for r in rows]
    collection = 'snapshots/detail' if detailed else 'snapshots'
    return wsgi.response(views.collection(
        items, common.next_links(rows, limit, collection, kwargs), count))


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
        body = validation.body(schemas.create)['snapshot']
        volume = VOLUMES.get(ctxt, body['volume_id'])
        force = common.is_true(body.get('force', False), 'force')
        if version >= (3, 66):
            # In-use volumes need no force any more; an explicit False is
            # now a contradiction.
            if 'force' in body and not force:
                raise exception.Invalid(
                    reason="Invalid value 'False' for force. The force flag "
                           "is no longer supported from microversion 3.66; "
                           "in-use volumes are snapshotted without it.")
            force = True
        snapshot = SNAPSHOTS.create(
            ctxt, volume, body.get('name', body.get('display_name')),
            body.get('description', body.get('display_description')),
            body.get('metadata'), force=force)
        return wsgi.response({'snapshot': views.detail(
            snapshot, version, extended=False)}, status=202)

    @pecan.expose()
    def put(self, snapshot_id):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'volume:update_snapshot')
        body = validation.body(schemas.update)['snapshot']
        values = {}
        for key, column in (('name', 'display_name'),
                            ('display_name', 'display_name'),
                            ('description', 'display_description'),
                            ('display_description', 'display_description')):
            if key in body:
                values[column] = body[key]
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
