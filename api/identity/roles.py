"""/v3/roles: CRUD with a name filter (global roles only)."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.schemas import resources as schemas
from stratus.api.identity.views import resources as views
from stratus.db.api import assignments


class RolesController(common.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        authz.admin('list_roles')
        # Domain-specific roles do not exist here: asking for them finds none.
        if wsgi.query_value(kwargs, 'domain_id'):
            rows = []
        else:
            rows = assignments.role_list(name=wsgi.query_value(kwargs,
                                                               'name'))
        return wsgi.response(common.collection(
            'roles', [views.role(r) for r in rows], 'roles'))

    @pecan.expose()
    def get_one(self, role_id, **kwargs):
        authz.admin('get_role')
        return wsgi.response({'role': views.role(
            assignments.role_get(role_id))})

    @pecan.expose()
    def post(self, **kwargs):
        authz.admin('create_role')
        body = common.body(schemas.role_create)['role']
        body.pop('id', None)
        return common.created({'role': views.role(
            assignments.role_create(body))})

    @pecan.expose()
    def patch(self, role_id, **kwargs):
        authz.admin('update_role')
        body = common.body(schemas.role_update)['role']
        return wsgi.response({'role': views.role(
            assignments.role_update(role_id, body))})

    @pecan.expose()
    def delete(self, role_id, **kwargs):
        authz.admin('delete_role')
        assignments.role_delete(role_id)
        return common.no_content()
