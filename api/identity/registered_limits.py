"""/v3/registered_limits: a service's default limit of a resource
(optionally per region). Any authenticated user reads them; admins
write, as keystone 30's defaults. POST takes and returns a list."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.schemas import unified_limits as schemas
from stratus.api.identity.views import unified_limits as views
from stratus.db.api import unified_limits


class RegisteredLimitsController(common.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        rows = unified_limits.registered_limit_list(**common.query(
            schemas.registered_limits_query, kwargs))
        authz.authenticated()
        return wsgi.response(common.collection(
            'registered_limits', [views.registered_limit(r) for r in rows],
            'registered_limits'))

    @pecan.expose()
    def get_one(self, registered_limit_id, **kwargs):
        authz.authenticated()
        return wsgi.response({'registered_limit': views.registered_limit(
            unified_limits.registered_limit_get(registered_limit_id))})

    @pecan.expose()
    def post(self, **kwargs):
        items = common.body(schemas.registered_limits_create)[
            'registered_limits']
        authz.admin('create_registered_limits')
        rows = unified_limits.registered_limits_create(items)
        # keystone's create answer is the list alone, without links.
        return common.created({'registered_limits': [
            views.registered_limit(r) for r in rows]})

    @pecan.expose()
    def patch(self, registered_limit_id, **kwargs):
        values = common.body(schemas.registered_limit_update)[
            'registered_limit']
        authz.admin('update_registered_limit')
        return wsgi.response({'registered_limit': views.registered_limit(
            unified_limits.registered_limit_update(registered_limit_id,
                                                   values))})

    @pecan.expose()
    def delete(self, registered_limit_id, **kwargs):
        authz.admin('delete_registered_limit')
        unified_limits.registered_limit_delete(registered_limit_id)
        return common.no_content()
