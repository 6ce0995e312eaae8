"""GET /v3/role_assignments.

User and group grants on projects, domains and the system. ?effective
shows what users end up holding: group grants as grants of each member
(with a membership link), plus implied roles (with a prior_role link),
without domain-specific roles, inherited (OS-INHERIT) grants on the
projects they reach and, as in keystone 30, without system grants (its
effective listing ignores scope.system). Every project is top-level, so
include_subtree lists the project's own assignments.
"""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.views import resources as views
from stratus.api.identity.schemas import query_strings
from stratus.common import exception
from stratus.db.api import role_assignment_list

_INHERITED = 'scope.OS-INHERIT:inherited_to'


def _check_filters(query, effective):
    """Keystone's 400s for filter combinations."""
    pairs = (('scope.domain.id', 'scope.project.id',
              'Specify a domain or project, not both'),
             ('scope.domain.id', 'scope.system',
              'Specify system or domain, not both'),
             ('scope.project.id', 'scope.system',
              'Specify system or project, not both'),
             ('user.id', 'group.id', 'Specify a user or group, not both'))
    for first, second, message in pairs:
        if query(first) and query(second):
            raise exception.ValidationError(message)
    if effective and query('group.id'):
        raise exception.ValidationError(
            'Combining effective and group filter will always result in '
            'an empty list.')
    if effective and query(_INHERITED) == 'projects' and \
            query('scope.domain.id'):
        raise exception.ValidationError(
            'Combining effective, domain and inherited filters will always '
            'result in an empty list.')


class RoleAssignmentsController(common.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        common.query(query_strings.role_assignments, kwargs)
        def query(key):
            return wsgi.query_value(kwargs, key)

        if common.bool_query(kwargs, 'include_subtree'):
            authz.admin_or_system_reader('list_role_assignments_for_tree')
            if not query('scope.project.id'):
                raise exception.ValidationError(
                    'scope.project.id must be specified if include_subtree '
                    'is also specified')
        else:
            authz.admin_or_system_reader('list_role_assignments')

        include_names = common.bool_query(kwargs, 'include_names')
        effective = bool(common.bool_query(kwargs, 'effective'))
        _check_filters(query, effective)
        rows = role_assignment_list.assignment_list(
            user_id=query('user.id'), group_id=query('group.id'),
            project_id=query('scope.project.id'),
            domain_id=query('scope.domain.id'),
            role_id=query('role.id'), effective=effective,
            # Keystone: any other value of scope.system is no filter.
            system=query('scope.system') == 'all',
            inherited=None if query(_INHERITED) is None
            else query(_INHERITED) == 'projects')
        names = role_assignment_list.names_for(rows) if include_names \
            else None
        return wsgi.response(common.collection(
            'role_assignments',
            [views.role_assignment(r, names) for r in rows],
            'role_assignments'))
