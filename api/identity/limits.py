"""/v3/limits: project and domain limits overriding a registered limit,
and /v3/limits/model, the configured enforcement model.

Policies are keystone 30's defaults: admins write; anyone lists, but a
non-admin sees only the limits of the project (or, domain-scoped, the
domain and its projects) the token is scoped to, and shows only those."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.schemas import unified_limits as schemas
from stratus.api.identity.views import unified_limits as views
from stratus.common import exception
from stratus.db.api import identity
from stratus.db.api import limit_hierarchy
from stratus.db.api import unified_limits

_FILTERS = ('service_id', 'region_id', 'resource_name', 'project_id',
            'domain_id')


def _superuser(ctxt):
    return ctxt.is_admin or 'service' in (ctxt.roles or ()) or \
        bool(getattr(ctxt, 'system_scope', None))


def _domain_projects(domain_id):
    return {p['id'] for p in identity.project_list(domain_id=domain_id)}


def _may_see(ctxt, row):
    """keystone's get_limit rule for everyone but admins and system
    readers: the token's domain owns the limit (or its project), or the
    token's project is the limit's project."""
    if ctxt.domain_id and (row['domain_id'] == ctxt.domain_id or (
            row['project_id'] and
            row['project_id'] in _domain_projects(ctxt.domain_id))):
        return True
    return bool(row['project_id']) and row['project_id'] == ctxt.project_id


class LimitModelController(common.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        authz.authenticated()
        return wsgi.response({'model': limit_hierarchy.model()})

    @pecan.expose()
    def get_one(self, item, **kwargs):
        # /v3/limits/model has no members.
        pecan.abort(404)


class LimitsController(common.RestController):
    model = LimitModelController()

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = authz.authenticated()
        filters = dict.fromkeys(_FILTERS)
        filters.update(common.query(schemas.limits_query, kwargs))
        if _superuser(ctxt):
            rows = unified_limits.limit_list(**filters)
        elif ctxt.domain_id:
            projects = _domain_projects(ctxt.domain_id)
            rows = [r for r in unified_limits.limit_list(**filters)
                    if r['domain_id'] == ctxt.domain_id or
                    r['project_id'] in projects]
        elif ctxt.project_id:
            # keystone adds the token's project as one more filter.
            if filters['project_id'] not in (None, ctxt.project_id):
                rows = []
            else:
                rows = unified_limits.limit_list(
                    **dict(filters, project_id=ctxt.project_id))
        else:
            rows = []
        return wsgi.response(common.collection(
            'limits', [views.limit(r) for r in rows], 'limits'))

    @pecan.expose()
    def get_one(self, limit_id, **kwargs):
        ctxt = authz.authenticated()
        if ctxt.is_admin or (getattr(ctxt, 'system_scope', None) and
                             'reader' in (ctxt.roles or ())):
            row = unified_limits.limit_get(limit_id)
        else:
            # keystone checks the rule first: a missing limit is a 403.
            try:
                row = unified_limits.limit_get(limit_id)
            except exception.LimitNotFound:
                row = None
            if row is None or not _may_see(ctxt, row):
                raise exception.ForbiddenAction(action='identity:get_limit')
        return wsgi.response({'limit': views.limit(row)})

    @pecan.expose()
    def post(self, **kwargs):
        items = common.body(schemas.limits_create)['limits']
        authz.admin('create_limits')
        rows = unified_limits.limits_create(items)
        # keystone's create answer is the list alone, without links.
        return common.created({'limits': [views.limit(r) for r in rows]})

    @pecan.expose()
    def patch(self, limit_id, **kwargs):
        if limit_id == 'model':
            # pecan routes a PATCH of the model here; keystone: 405.
            common.require_method('GET', 'HEAD')
        values = common.body(schemas.limit_update)['limit']
        authz.admin('update_limit')
        return wsgi.response({'limit': views.limit(
            unified_limits.limit_update(limit_id, values))})

    @pecan.expose()
    def delete(self, limit_id, **kwargs):
        authz.admin('delete_limit')
        unified_limits.limit_delete(limit_id)
        return common.no_content()
