"""Grants of a role to a user on a project or domain:
/v3/{projects|domains}/{id}/users/{user_id}/roles[/{role_id}]."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.views import resources as views
from stratus.common import exception
from stratus.db.api import assignments


class RoleGrantsController(common.RestController):
    """The roles of one user on one target; target_type 'project'/'domain'."""

    def __init__(self, target_type):
        self.target_type = target_type

    @pecan.expose()
    def get_all(self, target_id, user_id, **kwargs):
        authz.admin('list_grants')
        rows = assignments.grant_list(user_id, self.target_type, target_id)
        return wsgi.response(common.collection(
            'roles', [views.role(r) for r in rows],
            '%ss/%s/users/%s/roles' % (self.target_type, target_id,
                                       user_id)))

    @pecan.expose()
    def get_one(self, target_id, user_id, role_id, **kwargs):
        authz.admin('check_grant')
        assignments.grant_check(user_id, self.target_type, target_id,
                                role_id)
        return common.no_content()

    @pecan.expose()
    def head(self, target_id, user_id, role_id, **kwargs):
        return self.get_one(target_id, user_id, role_id)

    @pecan.expose()
    def put(self, target_id, user_id, role_id, **kwargs):
        authz.admin('create_grant')
        assignments.grant_create(user_id, self.target_type, target_id,
                                 role_id)
        return common.no_content()

    @pecan.expose()
    def delete(self, target_id, user_id, role_id, **kwargs):
        authz.admin('revoke_grant')
        assignments.grant_delete(user_id, self.target_type, target_id,
                                 role_id)
        return common.no_content()


class TargetUsersController(common.RestController):
    """Only a path segment: /{target}/{id}/users/{user_id}/roles..."""

    def __init__(self, target_type):
        self.roles = RoleGrantsController(target_type)

    @pecan.expose()
    def get_all(self, target_id, **kwargs):
        raise exception.NotFound('The resource could not be found.')

    @pecan.expose()
    def get_one(self, target_id, user_id, **kwargs):
        # Routing needs the signature; the path itself names nothing.
        raise exception.NotFound('The resource could not be found.')
