"""/v3/OS-EP-FILTER: endpoint groups, and the endpoints (direct or through
endpoint groups) a project's catalog is limited to. Admin only, as
keystone's defaults for project-scoped tokens."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.schemas import ep_filter as schemas
from stratus.api.identity.views import catalog as catalog_views
from stratus.api.identity.views import endpoint_filter as views
from stratus.api.identity.views import resources as resource_views
from stratus.api.identity.schemas import query_strings
from stratus.common import exception
from stratus.db.api import endpoint_filter

PREFIX = 'OS-EP-FILTER'


def _not_a_route():
    raise exception.NotFound('The resource could not be found.')


def _projects(rows, path):
    return wsgi.response(common.collection(
        'projects', [resource_views.project(r) for r in rows],
        '%s/%s' % (PREFIX, path)))


def _endpoints(rows, path):
    return wsgi.response(common.collection(
        'endpoints', [catalog_views.endpoint(r) for r in rows],
        '%s/%s' % (PREFIX, path)))


def _check_filters(group):
    """Keystone's check after the schema: filters on other endpoint
    attributes (`enabled` too) are refused."""
    if any(key not in endpoint_filter.FILTER_KEYS
           for key in group.get('filters', {})):
        raise exception.ValidationError(
            'Expecting to find %s in endpoint_group. The server could not '
            'comply with the request since it is either malformed or '
            'otherwise incorrect. The client is assumed to be in error.'
            % ' or '.join(endpoint_filter.FILTER_KEYS))


class GroupProjectsController(common.RestController):
    """.../endpoint_groups/{id}/projects[/{project_id}]"""

    @pecan.expose()
    def get_all(self, group_id, **kwargs):
        authz.admin_or_system_reader(
            'list_projects_associated_with_endpoint_group')
        return _projects(endpoint_filter.group_projects(group_id),
                         'endpoint_groups/%s/projects' % group_id)

    @pecan.expose()
    def get_one(self, group_id, project_id, **kwargs):
        authz.admin_or_system_reader('get_endpoint_group_in_project')
        row = endpoint_filter.project_group_get(group_id, project_id)
        return wsgi.response(
            {'project_endpoint_group': views.project_endpoint_group(row)})

    @pecan.expose()
    def put(self, group_id, project_id, **kwargs):
        authz.admin('add_endpoint_group_to_project')
        endpoint_filter.project_group_add(group_id, project_id)
        return common.no_content()

    @pecan.expose()
    def delete(self, group_id, project_id, **kwargs):
        authz.admin('remove_endpoint_group_from_project')
        endpoint_filter.project_group_remove(group_id, project_id)
        return common.no_content()


class GroupEndpointsController(common.RestController):

    @pecan.expose()
    def get_all(self, group_id, **kwargs):
        authz.admin_or_system_reader(
            'list_endpoints_associated_with_endpoint_group')
        return _endpoints(endpoint_filter.group_endpoints(group_id),
                          'endpoint_groups/%s/endpoints' % group_id)


class EndpointGroupsController(common.RestController):
    projects = GroupProjectsController()
    endpoints = GroupEndpointsController()

    @pecan.expose()
    def get_all(self, **kwargs):
        common.query(query_strings.endpoint_groups, kwargs)
        authz.admin_or_system_reader('list_endpoint_groups')
        rows = endpoint_filter.group_list(
            name=wsgi.query_value(kwargs, 'name'))
        return wsgi.response(common.collection(
            'endpoint_groups', [views.endpoint_group(r) for r in rows],
            PREFIX + '/endpoint_groups'))

    @pecan.expose()
    def get_one(self, group_id, **kwargs):
        authz.admin_or_system_reader('get_endpoint_group')
        return wsgi.response({'endpoint_group': views.endpoint_group(
            endpoint_filter.group_get(group_id))})

    @pecan.expose()
    def post(self, **kwargs):
        group = common.body(schemas.endpoint_group_create).get(
            'endpoint_group', {})
        authz.admin('create_endpoint_group')
        if not group.get('filters'):
            raise exception.ValidationError(
                'filters field is required and cannot be empty')
        _check_filters(group)
        return common.created({'endpoint_group': views.endpoint_group(
            endpoint_filter.group_create(group))})

    @pecan.expose()
    def patch(self, group_id, **kwargs):
        group = common.body(schemas.endpoint_group_update)['endpoint_group']
        authz.admin('update_endpoint_group')
        _check_filters(group)
        return wsgi.response({'endpoint_group': views.endpoint_group(
            endpoint_filter.group_update(group_id, group))})

    @pecan.expose()
    def delete(self, group_id, **kwargs):
        authz.admin('delete_endpoint_group')
        endpoint_filter.group_delete(group_id)
        return common.no_content()


class ProjectEndpointsController(common.RestController):
    """.../projects/{id}/endpoints[/{endpoint_id}]"""

    @pecan.expose()
    def get_all(self, project_id, **kwargs):
        authz.admin_or_system_reader('list_endpoints_for_project')
        return _endpoints(endpoint_filter.project_endpoints(project_id),
                          'projects/%s/endpoints' % project_id)

    @pecan.expose()
    def get_one(self, project_id, endpoint_id, **kwargs):
        authz.admin_or_system_reader('check_endpoint_in_project')
        endpoint_filter.project_endpoint_check(project_id, endpoint_id)
        return common.no_content()

    @pecan.expose()
    def put(self, project_id, endpoint_id, **kwargs):
        authz.admin('add_endpoint_to_project')
        endpoint_filter.project_endpoint_add(project_id, endpoint_id)
        return common.no_content()

    @pecan.expose()
    def delete(self, project_id, endpoint_id, **kwargs):
        authz.admin('remove_endpoint_from_project')
        endpoint_filter.project_endpoint_remove(project_id, endpoint_id)
        return common.no_content()


class ProjectEndpointGroupsController(common.RestController):

    @pecan.expose()
    def get_all(self, project_id, **kwargs):
        authz.admin_or_system_reader('list_endpoint_groups_for_project')
        rows = endpoint_filter.project_groups(project_id)
        return wsgi.response(common.collection(
            'endpoint_groups', [views.endpoint_group(r) for r in rows],
            '%s/projects/%s/endpoint_groups' % (PREFIX, project_id)))


class ProjectsController(common.RestController):
    endpoints = ProjectEndpointsController()
    endpoint_groups = ProjectEndpointGroupsController()

    @pecan.expose()
    def get_one(self, project_id, **kwargs):
        _not_a_route()  # only the sub-collections are routes


class EndpointProjectsController(common.RestController):
    """.../endpoints/{id}/projects"""

    @pecan.expose()
    def get_all(self, endpoint_id, **kwargs):
        authz.admin_or_system_reader('list_projects_for_endpoint')
        return _projects(endpoint_filter.endpoint_projects(endpoint_id),
                         'endpoints/%s/projects' % endpoint_id)


class EndpointsController(common.RestController):
    projects = EndpointProjectsController()

    @pecan.expose()
    def get_one(self, endpoint_id, **kwargs):
        _not_a_route()


class EndpointFilterRoot:
    endpoint_groups = EndpointGroupsController()
    projects = ProjectsController()
    endpoints = EndpointsController()
