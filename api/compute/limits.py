"""/compute/v2.1/limits: the caller's absolute limits and usage (no rate
limits, as nova has had none since Havana); fewer limits at 2.36, 2.39 and
2.57, unknown query parameters a 400 from 2.75."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.compute import query
from stratus.api.compute.views import limits as views
from stratus.common import exception
from stratus.db.api import quotas as db_quotas


class LimitsController(rest.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'os_compute_api:limits')
        version = wsgi.version()
        query.check(kwargs, query.schema(
            {'tenant_id': query.multi({'type': 'string'})},
            strict=version >= (2, 75)))
        project_id = wsgi.query_value(kwargs, 'tenant_id')
        # openstacksdk sends the literal tenant_id=None when no project was
        # asked for: that means the caller's own.
        if project_id in (None, '', 'None'):
            project_id = ctxt.project_id
        if project_id != ctxt.project_id and not ctxt.is_admin:
            raise exception.Forbidden(
                action='os_compute_api:limits:other_project')
        limits, usage = db_quotas.get(project_id)
        return wsgi.response({'limits': {
            'rate': [],
            'absolute': views.absolute_limits(limits, usage, version)}})
