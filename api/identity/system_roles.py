"""System role assignments: /v3/system/{users|groups}/{id}/roles[/{role_id}]
(keystone's system-roles.inc). Keystone 30's defaults: admin, or a
system reader for reads."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.views import resources as views
from stratus.common import exception
from stratus.db.api import system_assignments


class SystemRolesController(common.RestController):
    """The system roles of one user or group."""

    def __init__(self, actor_type):
        self.actor_type = actor_type

    def _action(self, verb):
        return '%s_system_grant%s_for_%s' % (
            verb, 's' if verb == 'list' else '', self.actor_type)

    @pecan.expose()
    def get_all(self, actor_id, **kwargs):
        authz.admin_or_system_reader(self._action('list'))
        rows = system_assignments.grant_list(self.actor_type, actor_id)
        return wsgi.response(common.collection(
            'roles', [views.role(r) for r in rows],
            'system/%ss/%s/roles' % (self.actor_type, actor_id)))

    @pecan.expose()
    def get_one(self, actor_id, role_id, **kwargs):
        authz.admin_or_system_reader(self._action('check'))
        system_assignments.grant_check(self.actor_type, actor_id, role_id)
        return common.no_content()

    @pecan.expose()
    def put(self, actor_id, role_id, **kwargs):
        authz.admin(self._action('create'))
        system_assignments.grant_create(self.actor_type, actor_id, role_id)
        return common.no_content()

    @pecan.expose()
    def delete(self, actor_id, role_id, **kwargs):
        authz.admin(self._action('revoke'))
        system_assignments.grant_delete(self.actor_type, actor_id, role_id)
        return common.no_content()


class SystemActorsController(common.RestController):
    """Only a path segment: /system/{users|groups}/{id}/roles..."""

    def __init__(self, actor_type):
        self.roles = SystemRolesController(actor_type)

    @pecan.expose()
    def get_all(self, **kwargs):
        raise exception.NotFound('The resource could not be found.')

    @pecan.expose()
    def get_one(self, actor_id, **kwargs):
        raise exception.NotFound('The resource could not be found.')


class SystemController(common.RestController):
    users = SystemActorsController('user')
    groups = SystemActorsController('group')

    @pecan.expose()
    def get_all(self, **kwargs):
        raise exception.NotFound('The resource could not be found.')
