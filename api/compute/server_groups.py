"""/compute/v2.1/os-server-groups: a project's server groups (2.1: one
policy in a list, affinity or anti-affinity)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute.schemas import server_groups as schemas
from stratus.api.compute.views import server_groups as views
from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db.api import server_groups as db_groups


def _non_negative(kwargs, key, default):
    value = wsgi.query_value(kwargs, key)
    if value is None:
        return default
    if not value.isdigit():
        raise exception.Invalid(reason='%s param must be an integer' % key)
    return int(value)


def _page(rows, kwargs):
    """nova's limit/offset paging, capped at [api] max_limit."""
    offset = _non_negative(kwargs, 'offset', 0)
    limit = min(_non_negative(kwargs, 'limit', CONF.api.max_limit),
                CONF.api.max_limit)
    return rows[offset:offset + limit]


def _visible(ctxt, group_id):
    row = db_groups.get(group_id)
    policy.check_owner(ctxt, row['project_id'],
                       exception.InstanceGroupNotFound(group_uuid=group_id))
    return row


class ServerGroupsController(rest.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'os_compute_api:os-server-groups:index')
        # Before 2.75 the mere presence of all_projects counts, as in nova.
        everyone = ctxt.is_admin and 'all_projects' in kwargs
        rows = db_groups.group_list(None if everyone else ctxt.project_id)
        return wsgi.response({'server_groups': [
            views.server_group(r) for r in _page(rows, kwargs)]})

    @pecan.expose()
    def get_one(self, group_id, **kwargs):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'os_compute_api:os-server-groups:show')
        return wsgi.response({'server_group': views.server_group(
            _visible(ctxt, group_id))})

    @pecan.expose()
    def post(self):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'os_compute_api:os-server-groups:create')
        body = validation.body(schemas.create(wsgi.version()))
        body = body['server_group']
        row = db_groups.create({
            'name': body['name'], 'policy': body['policies'][0],
            'project_id': ctxt.project_id, 'user_id': ctxt.user_id})
        return wsgi.response({'server_group': views.server_group(row)})

    @pecan.expose()
    def delete(self, group_id):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'os_compute_api:os-server-groups:delete')
        _visible(ctxt, group_id)
        db_groups.delete(group_id)
        return wsgi.response(status=204)
