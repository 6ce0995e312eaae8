"""Flavor sub-resources: /flavors/{id}/os-extra_specs (known namespaces
validated from 2.86), /flavors/{id}/os-flavor-access and the
add/removeTenantAccess actions (a public flavor is a 409 from 2.7)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import extra_specs
from stratus.api.compute.schemas import flavors as schemas
from stratus.api.compute import query
from stratus.common import exception
from stratus.db.api import flavors as db_flavors


def _visible(ctxt, flavor_id):
    return db_flavors.flavor_get(
        flavor_id, project_id=None if ctxt.is_admin else ctxt.project_id)


def _as_strings(specs):
    specs = {key: (str(value).lower() if isinstance(value, bool)
                   else str(value)) for key, value in specs.items()}
    if wsgi.version() >= (2, 86):
        for key, value in specs.items():
            extra_specs.validate(key, value)
    return specs


class ExtraSpecsController(rest.RestController):

    @pecan.expose()
    def get_all(self, flavor_id):
        query.strict_from_2102()
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'os_compute_api:os-flavor-extra-specs')
        specs = _visible(ctxt, flavor_id)['extra_specs']
        return wsgi.response({'extra_specs': specs})

    @pecan.expose()
    def get_one(self, flavor_id, key):
        query.strict_from_2102()
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'os_compute_api:os-flavor-extra-specs')
        specs = _visible(ctxt, flavor_id)['extra_specs']
        if key not in specs:
            raise exception.FlavorExtraSpecNotFound(flavor_id=flavor_id,
                                                    key=key)
        return wsgi.response({key: specs[key]})

    @pecan.expose()
    def post(self, flavor_id):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-flavor-extra-specs:'
                                   'create')
        specs = _as_strings(validation.body(
            schemas.extra_specs_create)['extra_specs'])
        db_flavors.extra_specs_update(flavor_id, specs)
        return wsgi.response({'extra_specs': specs})

    @pecan.expose()
    def put(self, flavor_id, key):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-flavor-extra-specs:'
                                   'update')
        body = _as_strings(validation.body(schemas.extra_spec_update))
        if key not in body:
            raise exception.Invalid(reason='Request body and URI mismatch')
        db_flavors.extra_specs_update(flavor_id, body)
        return wsgi.response(body)

    @pecan.expose()
    def delete(self, flavor_id, key):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-flavor-extra-specs:'
                                   'delete')
        db_flavors.extra_spec_delete(flavor_id, key)
        return wsgi.response(status=202)


def access_body(flavor_id, project_ids):
    return {'flavor_access': [
        {'flavor_id': flavor_id, 'tenant_id': project_id}
        for project_id in project_ids]}


class FlavorAccessController(rest.RestController):

    @pecan.expose()
    def get_all(self, flavor_id):
        query.strict_from_2102()
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-flavor-access')
        return wsgi.response(access_body(
            flavor_id, db_flavors.access_list(flavor_id)))


def flavor_action(flavor_id):
    """POST /flavors/{id}/action: addTenantAccess / removeTenantAccess."""
    ctxt = wsgi.context()
    body = validation.body(schemas.access_action)
    policy.require_admin(ctxt, 'os_compute_api:os-flavor-access:'
                               'add_tenant_access')
    if 'addTenantAccess' in body:
        db_flavors.access_add(flavor_id, body['addTenantAccess']['tenant'],
                              allow_public=wsgi.version() < (2, 7))
    else:
        db_flavors.access_remove(flavor_id,
                                 body['removeTenantAccess']['tenant'])
    return wsgi.response(access_body(
        flavor_id, db_flavors.access_projects(flavor_id)))
