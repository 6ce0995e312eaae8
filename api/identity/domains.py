"""/v3/domains: CRUD (an enabled domain cannot be deleted) and the user
grants below each domain."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity import domain_configs
from stratus.api.identity import grants
from stratus.api.identity.schemas import resources as schemas
from stratus.api.identity.views import resources as views
from stratus.api.identity.schemas import query_strings
from stratus.common import exception
from stratus.db.api import identity


class DomainsController(common.RestController):
    users = grants.TargetActorsController('domain', 'user')
    groups = grants.TargetActorsController('domain', 'group')
    config = domain_configs.DomainConfigController()

    @pecan.expose()
    def get_all(self, **kwargs):
        common.query(query_strings.domains, kwargs)
        authz.admin_or_system_reader('list_domains')
        rows = identity.domain_list(
            name=wsgi.query_value(kwargs, 'name'),
            enabled=common.bool_query(kwargs, 'enabled'))
        return wsgi.response(common.collection(
            'domains', [views.domain(r) for r in rows], 'domains'))

    @pecan.expose()
    def get_one(self, domain_id, **kwargs):
        ctxt = authz.authenticated()
        row = identity.domain_get(domain_id)
        # Keystone lets a token see the domain it, or its project, is in.
        if not (ctxt.is_admin or authz.is_system_reader(ctxt) or
                domain_id in (ctxt.domain_id, ctxt.project_domain_id)):
            raise exception.ForbiddenAction(action='identity:get_domain')
        return wsgi.response({'domain': views.domain(row)})

    @pecan.expose()
    def post(self, **kwargs):
        body = common.body(schemas.domain_create)['domain']
        authz.admin('create_domain')
        body.pop('id', None)
        row = identity.domain_create(body)
        return common.created({'domain': views.domain(row)})

    @pecan.expose()
    def patch(self, domain_id, **kwargs):
        body = common.body(schemas.domain_update)['domain']
        authz.admin('update_domain')
        row = identity.domain_update(domain_id, body)
        return wsgi.response({'domain': views.domain(row)})

    @pecan.expose()
    def delete(self, domain_id, **kwargs):
        authz.admin('delete_domain')
        identity.domain_delete(domain_id)
        return common.no_content()
