"""/v3/groups: CRUD (names unique per domain; filters name, domain_id),
members (/v3/groups/{id}/users[/{user_id}]) and /v3/users/{id}/groups.
Admin only, as keystone's defaults for a project-scoped non-admin."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity import projects
from stratus.api.identity.schemas import resources as schemas
from stratus.api.identity.views import groups as views
from stratus.api.identity.views import resources as resource_views
from stratus.api.identity.schemas import query_strings
from stratus.common import exception
from stratus.db.api import identity_groups


class GroupUsersController(common.RestController):

    @pecan.expose()
    def get_all(self, group_id, **kwargs):
        authz.admin_or_system_reader('list_users_in_group')
        rows = identity_groups.group_members(
            group_id, name=wsgi.query_value(kwargs, 'name'),
            domain_id=wsgi.query_value(kwargs, 'domain_id'),
            enabled=common.bool_query(kwargs, 'enabled'))
        return wsgi.response(common.collection(
            'users', [resource_views.user(r) for r in rows],
            'groups/%s/users' % group_id))

    @pecan.expose()
    def get_one(self, group_id, user_id, **kwargs):
        authz.admin_or_system_reader('check_user_in_group')
        identity_groups.member_check(group_id, user_id)
        return common.no_content()

    @pecan.expose()
    def put(self, group_id, user_id, **kwargs):
        authz.admin('add_user_to_group')
        identity_groups.member_add(group_id, user_id)
        return common.no_content()

    @pecan.expose()
    def delete(self, group_id, user_id, **kwargs):
        authz.admin('remove_user_from_group')
        identity_groups.member_remove(group_id, user_id)
        return common.no_content()


class UserGroupsController(common.RestController):
    """GET /v3/users/{id}/groups: a user may list their own."""

    @pecan.expose()
    def get_all(self, user_id, **kwargs):
        authz.admin_or_self('list_groups_for_user', user_id)
        rows = identity_groups.user_groups(user_id)
        return wsgi.response(common.collection(
            'groups', [views.group(r, membership=True) for r in rows],
            'users/%s/groups' % user_id))


def _values(body):
    values = {k: body[k] for k in ('name', 'description', 'domain_id')
              if k in body}
    values['extra'] = schemas.extra(body)
    return values


class GroupsController(common.RestController):
    users = GroupUsersController()

    @pecan.expose()
    def get_all(self, **kwargs):
        common.query(query_strings.groups, kwargs)
        authz.admin_or_system_reader('list_groups')
        rows = identity_groups.group_list(
            name=wsgi.query_value(kwargs, 'name'),
            domain_id=wsgi.query_value(kwargs, 'domain_id'))
        return wsgi.response(common.collection(
            'groups', [views.group(r) for r in rows], 'groups'))

    @pecan.expose()
    def get_one(self, group_id, **kwargs):
        authz.admin_or_system_reader('get_group')
        return wsgi.response({'group': views.group(
            identity_groups.group_get(group_id))})

    @pecan.expose()
    def post(self, **kwargs):
        body = common.body(schemas.group_create)['group']
        ctxt = authz.admin('create_group')
        values = _values(body)
        values['domain_id'] = values.get('domain_id') or \
            projects.default_domain(ctxt)
        return common.created({'group': views.group(
            identity_groups.group_create(values))})

    @pecan.expose()
    def patch(self, group_id, **kwargs):
        body = common.body(schemas.group_update)['group']
        authz.admin('update_group')
        if body.get('id') not in (None, group_id):
            raise exception.ValidationError(
                'Cannot change ID')
        row = identity_groups.group_get(group_id)
        if body.get('domain_id') not in (None, row['domain_id']):
            raise exception.ValidationError('Cannot change Domain ID')
        return wsgi.response({'group': views.group(
            identity_groups.group_update(group_id, _values(body)))})

    @pecan.expose()
    def delete(self, group_id, **kwargs):
        authz.admin('delete_group')
        identity_groups.group_delete(group_id)
        return common.no_content()
