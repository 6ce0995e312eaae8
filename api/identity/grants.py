"""Grants of a role to a user or a group on a project or domain:
/v3/{projects|domains}/{id}/{users|groups}/{actor_id}/roles[/{role_id}]."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.views import resources as views
from stratus.common import exception
from stratus.db.api import assignments


class RoleGrantsController(common.RestController):
    """The roles of one actor on one target; target_type 'project' or
    'domain', actor_type 'user' or 'group'."""

    def __init__(self, target_type, actor_type):
        self.target_type = target_type
        self.actor_type = actor_type

    @pecan.expose()
    def get_all(self, target_id, actor_id, **kwargs):
        authz.admin_or_system_reader('list_grants')
        rows = assignments.grant_list(actor_id, self.target_type, target_id,
                                      actor_type=self.actor_type)
        return wsgi.response(common.collection(
            'roles', [views.role(r) for r in rows],
            '%ss/%s/%ss/%s/roles' % (self.target_type, target_id,
                                     self.actor_type, actor_id)))

    @pecan.expose()
    def get_one(self, target_id, actor_id, role_id, **kwargs):
        authz.admin_or_system_reader('check_grant')
        assignments.grant_check(actor_id, self.target_type, target_id,
                                role_id, actor_type=self.actor_type)
        return common.no_content()

    @pecan.expose()
    def put(self, target_id, actor_id, role_id, **kwargs):
        authz.admin('create_grant')
        assignments.grant_create(actor_id, self.target_type, target_id,
                                 role_id, actor_type=self.actor_type)
        return common.no_content()

    @pecan.expose()
    def delete(self, target_id, actor_id, role_id, **kwargs):
        authz.admin('revoke_grant')
        assignments.grant_delete(actor_id, self.target_type, target_id,
                                 role_id, actor_type=self.actor_type)
        return common.no_content()


class TargetActorsController(common.RestController):
    """Only a path segment: /{target}/{id}/{users|groups}/{actor}/roles..."""

    def __init__(self, target_type, actor_type='user'):
        self.roles = RoleGrantsController(target_type, actor_type)

    @pecan.expose()
    def get_all(self, target_id, **kwargs):
        raise exception.NotFound('The resource could not be found.')

    @pecan.expose()
    def get_one(self, target_id, actor_id, **kwargs):
        # Routing needs the signature; the path itself names nothing.
        raise exception.NotFound('The resource could not be found.')
