"""/compute/v2.1/os-server-groups: a project's server groups. 2.1: one
policy in a list (the soft ones from 2.15); 2.64: policy and rules; 2.75:
unknown query parameters are a 400."""
import json

import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import query
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


def _policy_and_rules(body, version):
    """(policy, rules JSON or None) of a create body."""
    if version < (2, 64):
        return body['policies'][0], None
    rules = body.get('rules') or {}
    if rules and body['policy'] != 'anti-affinity':
        raise exception.Invalid('Only anti-affinity policy supports rules.')
    rules = {key: int(value) for key, value in rules.items()}
    return body['policy'], json.dumps(rules) if rules else None


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
        version = wsgi.version()
        query.check(kwargs, schemas.list_query(version))
        # The mere presence of all_projects counts, as in nova.
        everyone = ctxt.is_admin and 'all_projects' in kwargs
        rows = db_groups.group_list(None if everyone else ctxt.project_id)
        return wsgi.response({'server_groups': [
            views.server_group(r, version) for r in _page(rows, kwargs)]})

    @pecan.expose()
    def get_one(self, group_id, **kwargs):
        query.strict_from_2102()
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'os_compute_api:os-server-groups:show')
        return wsgi.response({'server_group': views.server_group(
            _visible(ctxt, group_id), wsgi.version())})

    @pecan.expose()
    def post(self):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'os_compute_api:os-server-groups:create')
        version = wsgi.version()
        body = validation.body(schemas.create(version))['server_group']
        group_policy, rules = _policy_and_rules(body, version)
        row = db_groups.create({
            'name': body['name'], 'policy': group_policy, 'rules': rules,
            'project_id': ctxt.project_id, 'user_id': ctxt.user_id})
        return wsgi.response({'server_group': views.server_group(row,
                                                                 version)})

    @pecan.expose()
    def delete(self, group_id):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'os_compute_api:os-server-groups:delete')
        _visible(ctxt, group_id)
        db_groups.delete(group_id)
        return wsgi.response(status=204)
