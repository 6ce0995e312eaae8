"""/v3/roles: CRUD of global and domain-specific roles (a list shows the
global ones, or one domain's with ?domain_id), and the inference rules
below each role."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity import implied_roles
from stratus.api.identity.schemas import resources as schemas
from stratus.api.identity.views import resources as views
from stratus.api.identity.schemas import query_strings
from stratus.common import exception
from stratus.db.api import assignments


def _authorize(role_id, action):
    """Keystone names the domain-role action for a domain-specific role;
    an unknown role is authorized as a global one, then 404s."""
    # Reading a role is open to system readers too (keystone 30).
    check = authz.admin_or_system_reader if action == 'get' else authz.admin
    try:
        role = assignments.role_get(role_id)
    except exception.RoleNotFound:
        check(action + '_role')
        raise
    check(action + ('_domain_role' if role['domain_id'] else '_role'))
    return role


class RolesController(common.RestController):
    implies = implied_roles.ImpliesController()

    @pecan.expose()
    def get_all(self, **kwargs):
        common.query(query_strings.roles, kwargs)
        domain_id = wsgi.query_value(kwargs, 'domain_id')
        authz.admin_or_system_reader('list_domain_roles' if domain_id
                                     else 'list_roles')
        rows = assignments.role_list(name=wsgi.query_value(kwargs, 'name'),
                                     domain_id=domain_id)
        return wsgi.response(common.collection(
            'roles', [views.role(r) for r in rows], 'roles'))

    @pecan.expose()
    def get_one(self, role_id, **kwargs):
        return wsgi.response({'role': views.role(_authorize(role_id,
                                                            'get'))})

    @pecan.expose()
    def post(self, **kwargs):
        body = common.body(schemas.role_create)['role']
        authz.admin('create_domain_role' if body.get('domain_id')
                    else 'create_role')
        body.pop('id', None)
        return common.created({'role': views.role(
            assignments.role_create(body))})

    @pecan.expose()
    def patch(self, role_id, **kwargs):
        body = common.body(schemas.role_update)['role']
        _authorize(role_id, 'update')
        return wsgi.response({'role': views.role(
            assignments.role_update(role_id, body))})

    @pecan.expose()
    def delete(self, role_id, **kwargs):
        _authorize(role_id, 'delete')
        assignments.role_delete(role_id)
        return common.no_content()
