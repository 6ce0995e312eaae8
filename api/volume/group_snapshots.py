"""/volume/v3/group_snapshots (3.14): snapshots of a whole group: list,
detail (filters, sorting and paging from 3.29), show, create, delete,
and POST /group_snapshots/{id}/action reset_status (3.19)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import request_validation
from stratus.api.volume.group_types import check_version
from stratus.api.volume.groups import GROUPS
from stratus.api.volume.groups import list_filters
from stratus.api.volume.schemas import groups as schemas
from stratus.api.volume.views import groups as views
from stratus.common import exception
from stratus.db.api import group_snapshots as db_group_snapshots
from stratus.db.api import group_types as db_group_types
from stratus.volume.group_api import check_not_cgsnapshot_type

def _list(kwargs, detailed):
    check_version((3, 14))
    ctxt = wsgi.context()
    policy.require_reader(ctxt, 'group:get_all_group_snapshots')
    version = wsgi.version()
    limit = marker = offset = None
    sort = [('created_at', 'desc')]
    filters, all_tenants = {}, False
    if version >= (3, 29):
        limit, marker, offset, sort = common.paging(kwargs)
        common.check_sort(sort, db_group_snapshots.SORT_KEYS)
        filters, all_tenants = list_filters(
            ctxt, kwargs, ('name', 'status', 'group_id'), version)
    rows = db_group_snapshots.list_group_snapshots(
        project_id=None if all_tenants else ctxt.project_id,
        filters=filters, limit=limit, marker=marker, offset=offset,
        sort=sort)
    migrated = db_group_types.cgsnapshot_type_id()
    rows = [g for g in rows if g['group_type_id'] != migrated]
    if detailed:
        items = [views.group_snapshot_detail(g, version, ctxt.is_admin)
                 for g in rows]
    else:
        items = [views.group_snapshot_summary(g, with_type=False)
                 for g in rows]
    body = {'group_snapshots': items}
    links = common.next_links(rows, limit, 'group_snapshots/detail'
                              if detailed else 'group_snapshots', kwargs)
    if links:
        body['group_snapshot_links'] = links
    return wsgi.response(body)


class GroupSnapshotsController(rest.RestController):
    _custom_actions = {'detail': ['GET'], 'action': ['POST']}

    @pecan.expose()
    def get_all(self, **kwargs):
        return _list(kwargs, detailed=False)

    @pecan.expose()
    def detail(self, **kwargs):
        return _list(kwargs, detailed=True)

    @pecan.expose()
    def get_one(self, group_snapshot_id):
        check_version((3, 14))
        ctxt = wsgi.context()
        gsnap = GROUPS.get_group_snapshot(ctxt, group_snapshot_id)
        check_not_cgsnapshot_type(gsnap['group_type_id'], 'group snapshot')
        policy.require_reader(ctxt, 'group:get_group_snapshot')
        return wsgi.response({'group_snapshot': views.group_snapshot_detail(
            gsnap, wsgi.version(), ctxt.is_admin)})

    @pecan.expose()
    def post(self):
        check_version((3, 14))
        body = request_validation.body(schemas.snapshot_create)['group_snapshot']
        ctxt = wsgi.context()
        group = GROUPS.get(ctxt, body['group_id'])
        check_not_cgsnapshot_type(group['group_type_id'], 'group snapshot')
        policy.require_member(ctxt, 'group:create_group_snapshot')
        gsnap = GROUPS.create_group_snapshot(ctxt, group, body.get('name'),
                                             body.get('description'))
        return wsgi.response({'group_snapshot': views.group_snapshot_summary(
            gsnap)}, status=202)

    @pecan.expose()
    def delete(self, group_snapshot_id):
        check_version((3, 14))
        ctxt = wsgi.context()
        gsnap = GROUPS.get_group_snapshot(ctxt, group_snapshot_id)
        check_not_cgsnapshot_type(gsnap['group_type_id'], 'group snapshot')
        policy.require_member(ctxt, 'group:delete_group_snapshot')
        GROUPS.delete_group_snapshot(ctxt, gsnap)
        return wsgi.response(status=202)

    @pecan.expose()
    def action(self, group_snapshot_id):
        check_version((3, 14))
        ctxt = wsgi.context()
        body = validation.load_json(pecan.request)
        name = next(iter(body)) if isinstance(body, dict) and body else None
        if name != 'reset_status':
            raise exception.Invalid('There is no such action: %s. Verify '
                                    'the request body and Content-Type '
                                    'header and try again.' % name)
        check_version((3, 19))
        body = request_validation.check(schemas.group_snapshot_reset_status,
                                        body)
        status = body['reset_status']['status']
        gsnap = GROUPS.get_group_snapshot(ctxt, group_snapshot_id)
        policy.require_admin(ctxt, 'group:reset_group_snapshot_status')
        GROUPS.reset_group_snapshot_status(ctxt, gsnap, status.lower())
        return wsgi.response(status=202)
