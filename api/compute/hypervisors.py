"""/compute/v2.1/os-hypervisors: the compute nodes, admin only.

2.1: integer ids, statistics, search and servers by hostname pattern;
2.33: paging; 2.53: uuids, the pattern and with_servers as query
parameters (search and servers routes gone); 2.88: no statistics or
uptime routes, uptime in the detail instead.
"""
import pecan
from oslo_utils import uuidutils
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.compute import query
from stratus.api.compute.schemas import hypervisors as schemas
from stratus.api.compute.views import hypervisors as views
from stratus.common import exception
from stratus.db.api import hypervisors as db_hypervisors


def _admin(action):
    policy.require_admin(wsgi.context(), 'os_compute_api:os-hypervisors:%s'
                         % action)


def _not_found():
    return exception.NotFound('The resource could not be found.')


def _no_id(remainder):
    # /os-hypervisors/{x}/detail and the like are not resources.
    if remainder:
        raise _not_found()


def _between(low, high=None):
    """404 outside [low, high]: the route does not exist at this version."""
    version = wsgi.version()
    if version < low or (high is not None and version > high):
        raise _not_found()


def _matching(pattern):
    nodes = db_hypervisors.node_list(pattern)
    if not nodes:
        raise exception.HypervisorPatternNotFound(pattern=pattern)
    return nodes


def _checked_id(hypervisor_id):
    """A uuid from 2.53 (400 otherwise), an integer before (404)."""
    if wsgi.version() >= (2, 53):
        if not uuidutils.is_uuid_like(hypervisor_id):
            raise exception.Invalid('Invalid uuid %s' % hypervisor_id)
    elif not str(hypervisor_id).isdigit():
        raise exception.HypervisorNotFound(hypervisor_id=hypervisor_id)
    return hypervisor_id


def _page(nodes, kwargs, version):
    """2.33: the nodes after the marker (an id, a uuid from 2.53)."""
    limit, marker = query.limit_marker(kwargs)
    if marker is not None:
        ids = [str(views.node_id(n, version)) for n in nodes]
        if marker not in ids:
            raise exception.Invalid('marker [%s] not found' % marker)
        nodes = nodes[ids.index(marker) + 1:]
    return nodes[:limit]


def _servers_of(nodes, with_servers):
    if not with_servers:
        return {}
    return db_hypervisors.servers_on([n['hypervisor_hostname']
                                      for n in nodes])


def _list(kwargs, view, collection):
    """GET /os-hypervisors[/detail] at any version."""
    version = wsgi.version()
    query.check(kwargs, schemas.list_query(version))
    pattern = with_servers = None
    if version >= (2, 53):
        pattern = wsgi.query_value(kwargs, 'hypervisor_hostname_pattern')
        with_servers = query.boolean(kwargs, 'with_servers')
    paged = version >= (2, 33) and pattern is None
    if pattern is not None:
        if 'limit' in kwargs or 'marker' in kwargs:
            raise exception.Invalid(
                'Paging over hypervisors with the hypervisor_hostname_'
                'pattern query parameter is not supported.')
        nodes = _matching(pattern)
    else:
        nodes = db_hypervisors.node_list()
        if paged:
            nodes = _page(nodes, kwargs, version)
    servers = _servers_of(nodes, with_servers)
    body = {'hypervisors': [
        view(n, version, servers.get(n['hypervisor_hostname']), with_servers)
        for n in nodes]}
    if paged:
        last = views.node_id(nodes[-1], version) if nodes else None
        links = query.next_links(kwargs, collection, len(nodes), last)
        if links:
            body['hypervisors_links'] = links
    return wsgi.response(body)


class HypervisorsController(rest.RestController):
    _custom_actions = {'detail': ['GET'], 'statistics': ['GET'],
                       'search': ['GET'], 'servers': ['GET'],
                       'uptime': ['GET']}

    @pecan.expose()
    def get_all(self, **kwargs):
        _admin('list')
        return _list(kwargs, views.basic, 'os-hypervisors')

    @pecan.expose()
    def detail(self, *remainder, **kwargs):
        _admin('list-detail')
        _no_id(remainder)
        return _list(kwargs, views.detail, 'os-hypervisors/detail')

    @pecan.expose()
    def get_one(self, hypervisor_id, **kwargs):
        _admin('show')
        version = wsgi.version()
        query.check(kwargs, schemas.show_query(version))
        node = db_hypervisors.node_get(_checked_id(hypervisor_id))
        with_servers = version >= (2, 53) and query.boolean(kwargs,
                                                            'with_servers')
        servers = _servers_of([node], with_servers)
        return wsgi.response({'hypervisor': views.detail(
            node, version, servers.get(node['hypervisor_hostname']),
            with_servers)})

    @pecan.expose()
    def statistics(self, *remainder, **kwargs):
        _between((2, 1), (2, 87))
        _admin('statistics')
        _no_id(remainder)
        return wsgi.response(views.statistics(db_hypervisors.statistics()))

    @pecan.expose()
    def search(self, pattern=None, **kwargs):
        _between((2, 1), (2, 52))
        _admin('search')
        if pattern is None:
            raise _not_found()
        return wsgi.response({'hypervisors': [
            views.basic(n, wsgi.version()) for n in _matching(pattern)]})

    @pecan.expose()
    def servers(self, pattern=None, **kwargs):
        _between((2, 1), (2, 52))
        _admin('servers')
        if pattern is None:
            raise _not_found()
        nodes = _matching(pattern)
        servers = _servers_of(nodes, True)
        return wsgi.response({'hypervisors': [
            views.basic(n, wsgi.version(), servers[n['hypervisor_hostname']])
            for n in nodes]})

    @pecan.expose()
    def uptime(self, hypervisor_id=None, **kwargs):
        """The fake driver has no host uptime; clients (openstack
        hypervisor show) accept 501 as 'not available'. Gone in 2.88,
        where the detail carries uptime."""
        _between((2, 1), (2, 87))
        _admin('uptime')
        if hypervisor_id is None:
            raise _not_found()
        db_hypervisors.node_get(_checked_id(hypervisor_id))
        raise exception.HypervisorUptimeNotImplemented()
