"""/v3/services: the catalog's services (type, name), admin only."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.schemas import catalog as schemas
from stratus.api.identity.views import catalog as views
from stratus.db.api import catalog


class ServicesController(common.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        authz.admin_or_system_reader('list_services')
        rows = catalog.service_list(type=wsgi.query_value(kwargs, 'type'),
                                    name=wsgi.query_value(kwargs, 'name'))
        return wsgi.response(common.collection(
            'services', [views.service(r) for r in rows], 'services'))

    @pecan.expose()
    def get_one(self, service_id, **kwargs):
        authz.admin_or_system_reader('get_service')
        return wsgi.response({'service': views.service(
            catalog.service_get(service_id))})

    @pecan.expose()
    def post(self, **kwargs):
        body = common.body(schemas.service_create)['service']
        authz.admin('create_service')
        return common.created({'service': views.service(
            catalog.service_create(body))})

    @pecan.expose()
    def patch(self, service_id, **kwargs):
        body = common.body(schemas.service_update)['service']
        authz.admin('update_service')
        return wsgi.response({'service': views.service(
            catalog.service_update(service_id, body))})

    @pecan.expose()
    def delete(self, service_id, **kwargs):
        authz.admin('delete_service')
        catalog.service_delete(service_id)
        return common.no_content()
