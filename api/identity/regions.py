"""/v3/regions: readable by any authenticated user (as in keystone),
changed by admins; PUT /v3/regions/{id} creates a region with that id."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.schemas import catalog as schemas
from stratus.api.identity.views import catalog as views
from stratus.api.identity.schemas import query_strings
from stratus.common import exception
from stratus.db.api import catalog


class RegionsController(common.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        common.query(query_strings.regions, kwargs)
        authz.authenticated()
        rows = catalog.region_list(
            parent_region_id=wsgi.query_value(kwargs, 'parent_region_id'))
        return wsgi.response(common.collection(
            'regions', [views.region(r) for r in rows], 'regions'))

    @pecan.expose()
    def get_one(self, region_id, **kwargs):
        authz.authenticated()
        return wsgi.response({'region': views.region(
            catalog.region_get(region_id))})

    @pecan.expose()
    def post(self, **kwargs):
        body = common.body(schemas.region_create)['region']
        authz.admin('create_region')
        return common.created({'region': views.region(
            catalog.region_create(body))})

    @pecan.expose()
    def put(self, region_id, **kwargs):
        body = common.body(schemas.region_create)['region']
        authz.admin('create_region')
        if body.get('id') not in (None, region_id):
            raise exception.ValidationError(
                field='region/id', reason='The id in the body must match '
                'the id in the URL.')
        body['id'] = region_id
        return common.created({'region': views.region(
            catalog.region_create(body))})

    @pecan.expose()
    def patch(self, region_id, **kwargs):
        body = common.body(schemas.region_update)['region']
        authz.admin('update_region')
        return wsgi.response({'region': views.region(
            catalog.region_update(region_id, body))})

    @pecan.expose()
    def delete(self, region_id, **kwargs):
        authz.admin('delete_region')
        catalog.region_delete(region_id)
        return common.no_content()
