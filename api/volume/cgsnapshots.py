"""/cgsnapshots: cinder's deprecated consistency-group snapshot API over
generic group snapshots (any the caller's project owns): list and
detail (offset and limit only), show, create (of a group given as
consistencygroup_id), delete."""
import json

import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import request_validation
from stratus.api.volume.groups import GROUPS
from stratus.api.volume.schemas import consistencygroups as schemas
from stratus.api.volume.views import consistencygroups as views
from stratus.common import exception
from stratus.db.api import group_snapshots as db_group_snapshots


def read_body():
    """The JSON body. cinder's validated handlers get no body argument at
    all when none came (or no Content-Type) and its wrapper fails with a
    500; hostile input gets a 400 here instead (issue 15). 'null' is a
    body, None."""
    request = pecan.request
    if not request.body or not request.content_type:
        raise exception.Invalid('Malformed request body')
    try:
        return json.loads(request.body)
    except ValueError:
        raise exception.Invalid('Malformed request body')


def _list(kwargs, detailed):
    ctxt = wsgi.context()
    policy.require_reader(ctxt, 'group:get_all_group_snapshots')
    # cinder slices the project's list: offset and limit (checked as
    # everywhere), no filters, no sorting, the marker ignored.
    limit, _marker, offset, _sort = common.paging(
        {key: kwargs[key] for key in ('limit', 'offset') if key in kwargs})
    rows = db_group_snapshots.list_group_snapshots(
        project_id=ctxt.project_id, sort=[('created_at', 'desc')])
    offset = offset or 0
    rows = rows[offset:offset + (limit or common.MAX_LIMIT)]
    view = views.cgsnapshot_detail if detailed else views.cgsnapshot_summary
    return wsgi.response({'cgsnapshots': [view(g) for g in rows]})


class CgsnapshotsController(rest.RestController):
    _custom_actions = {'detail': ['GET']}

    @pecan.expose()
    def get_all(self, **kwargs):
        return _list(kwargs, detailed=False)

    @pecan.expose()
    def detail(self, **kwargs):
        return _list(kwargs, detailed=True)

    @pecan.expose()
    def get_one(self, snapshot_id):
        ctxt = wsgi.context()
        gsnap = GROUPS.get_group_snapshot(ctxt, snapshot_id)
        policy.require_reader(ctxt, 'group:get_group_snapshot')
        return wsgi.response({'cgsnapshot': views.cgsnapshot_detail(gsnap)})

    @pecan.expose()
    def post(self):
        body = request_validation.check(schemas.cgsnapshot_create,
                                        read_body())['cgsnapshot']
        ctxt = wsgi.context()
        for key in ('name', 'description'):
            if isinstance(body.get(key), str):
                body[key] = body[key].strip()
        group = GROUPS.get(ctxt, body['consistencygroup_id'])
        policy.require_member(ctxt, 'group:create_group_snapshot')
        gsnap = GROUPS.create_group_snapshot(ctxt, group, body.get('name'),
                                             body.get('description'))
        return wsgi.response({'cgsnapshot': views.cgsnapshot_summary(gsnap)},
                             status=202)

    @pecan.expose()
    def delete(self, snapshot_id):
        ctxt = wsgi.context()
        gsnap = GROUPS.get_group_snapshot(ctxt, snapshot_id)
        policy.require_member(ctxt, 'group:delete_group_snapshot')
        try:
            GROUPS.delete_group_snapshot(ctxt, gsnap)
        except (exception.InvalidGroupSnapshot,
                exception.GroupSnapshotNotFound, exception.Forbidden):
            raise
        except Exception:
            # cinder's words for anything else going wrong here.
            raise exception.Invalid('Failed to delete the cgsnapshot')
        return wsgi.response(status=202)
