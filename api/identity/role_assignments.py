"""GET /v3/role_assignments.

Only direct user grants exist here (no groups, no inheritance, no system
scope), so the effective list equals the direct one, and filters on
groups, system scope or inheritance match nothing.
"""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.views import resources as views
from stratus.common import exception
from stratus.db.api import assignments

_MATCH_NOTHING = ('group.id', 'scope.system', 'scope.OS-INHERIT:inherited_to')


class RoleAssignmentsController(common.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        authz.admin('list_role_assignments')
        project_id = wsgi.query_value(kwargs, 'scope.project.id')
        domain_id = wsgi.query_value(kwargs, 'scope.domain.id')
        if project_id and domain_id:
            raise exception.ValidationError(
                field='scope', reason='Specify a domain or project, not both.')
        include_names = common.bool_query(kwargs, 'include_names')
        common.bool_query(kwargs, 'effective')  # validated; no difference
        if any(wsgi.query_value(kwargs, key) for key in _MATCH_NOTHING):
            rows = []
        else:
            rows = assignments.assignment_list(
                user_id=wsgi.query_value(kwargs, 'user.id'),
                project_id=project_id, domain_id=domain_id,
                role_id=wsgi.query_value(kwargs, 'role.id'))
        names = assignments.names_for(rows) if include_names else None
        return wsgi.response(common.collection(
            'role_assignments',
            [views.role_assignment(r, names) for r in rows],
            'role_assignments'))
