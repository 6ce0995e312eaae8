"""/v3/endpoints: URLs of catalog services per interface and region."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.schemas import catalog as schemas
from stratus.api.identity.views import catalog as views
from stratus.api.identity.schemas import query_strings
from stratus.common import exception
from stratus.db.api import catalog


def _region(body):
    """Fold the legacy `region` into `region_id`. Keystone creates a region
    named only through the legacy key; `region_id` must already exist."""
    legacy = body.pop('region', None)
    if legacy is None:
        return body
    if body.get('region_id') not in (None, legacy):
        raise exception.ValidationError(
            field='endpoint/region',
            reason='region and region_id must be the same when both given.')
    if 'region_id' not in body or body['region_id'] is None:
        try:
            catalog.region_get(legacy)
        except exception.RegionNotFound:
            try:
                catalog.region_create({'id': legacy})
            except exception.Conflict:
                pass  # created meanwhile by another request
        body['region_id'] = legacy
    return body


class EndpointsController(common.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        common.query(query_strings.endpoints, kwargs)
        authz.admin_or_system_reader('list_endpoints')
        interface = wsgi.query_value(kwargs, 'interface')
        if interface is not None and interface not in catalog.INTERFACES:
            raise exception.ValidationError(
                field='interface', reason='Expected one of %s.'
                % ', '.join(catalog.INTERFACES))
        rows = catalog.endpoint_list(
            service_id=wsgi.query_value(kwargs, 'service_id'),
            interface=interface,
            region_id=wsgi.query_value(kwargs, 'region_id'))
        return wsgi.response(common.collection(
            'endpoints', [views.endpoint(r) for r in rows], 'endpoints'))

    @pecan.expose()
    def get_one(self, endpoint_id, **kwargs):
        authz.admin_or_system_reader('get_endpoint')
        return wsgi.response({'endpoint': views.endpoint(
            catalog.endpoint_get(endpoint_id))})

    @pecan.expose()
    def post(self, **kwargs):
        body = _region(common.body(schemas.endpoint_create)['endpoint'])
        authz.admin('create_endpoint')
        return common.created({'endpoint': views.endpoint(
            catalog.endpoint_create(body))})

    @pecan.expose()
    def patch(self, endpoint_id, **kwargs):
        body = _region(common.body(schemas.endpoint_update)['endpoint'])
        authz.admin('update_endpoint')
        return wsgi.response({'endpoint': views.endpoint(
            catalog.endpoint_update(endpoint_id, body))})

    @pecan.expose()
    def delete(self, endpoint_id, **kwargs):
        authz.admin('delete_endpoint')
        catalog.endpoint_delete(endpoint_id)
        return common.no_content()
