"""/compute/v2.1/os-hypervisors: the compute nodes, admin only (2.1:
integer ids, statistics, search and servers by hostname pattern)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.compute.views import hypervisors as views
from stratus.common import exception
from stratus.db.api import hypervisors as db_hypervisors


def _admin(action):
    policy.require_admin(wsgi.context(), 'os_compute_api:os-hypervisors:%s'
                         % action)


def _no_id(remainder):
    # /os-hypervisors/{x}/detail and the like are not resources.
    if remainder:
        raise exception.NotFound('The resource could not be found.')


def _matching(pattern):
    nodes = db_hypervisors.node_list(pattern)
    if not nodes:
        raise exception.HypervisorPatternNotFound(pattern=pattern)
    return nodes


class HypervisorsController(rest.RestController):
    _custom_actions = {'detail': ['GET'], 'statistics': ['GET'],
                       'search': ['GET'], 'servers': ['GET'],
                       'uptime': ['GET']}

    @pecan.expose()
    def get_all(self, **kwargs):
        _admin('list')
        nodes = db_hypervisors.node_list()
        return wsgi.response({'hypervisors': [views.basic(n)
                                              for n in nodes]})

    @pecan.expose()
    def detail(self, *remainder, **kwargs):
        _admin('list-detail')
        _no_id(remainder)
        nodes = db_hypervisors.node_list()
        return wsgi.response({'hypervisors': [views.detail(n)
                                              for n in nodes]})

    @pecan.expose()
    def get_one(self, hypervisor_id, **kwargs):
        _admin('show')
        node = db_hypervisors.node_get(hypervisor_id)
        return wsgi.response({'hypervisor': views.detail(node)})

    @pecan.expose()
    def statistics(self, *remainder, **kwargs):
        _admin('statistics')
        _no_id(remainder)
        return wsgi.response(views.statistics(db_hypervisors.statistics()))

    @pecan.expose()
    def search(self, pattern=None, **kwargs):
        _admin('search')
        if pattern is None:
            raise exception.NotFound('The resource could not be found.')
        return wsgi.response({'hypervisors': [views.basic(n)
                                              for n in _matching(pattern)]})

    @pecan.expose()
    def servers(self, pattern=None, **kwargs):
        _admin('servers')
        if pattern is None:
            raise exception.NotFound('The resource could not be found.')
        nodes = _matching(pattern)
        servers = db_hypervisors.servers_on(
            [n['hypervisor_hostname'] for n in nodes])
        return wsgi.response({'hypervisors': [
            views.with_servers(n, servers[n['hypervisor_hostname']])
            for n in nodes]})

    @pecan.expose()
    def uptime(self, hypervisor_id=None, **kwargs):
        """The fake driver has no host uptime; clients (openstack
        hypervisor show) accept 501 as 'not available'."""
        _admin('uptime')
        if hypervisor_id is None:
            raise exception.NotFound('The resource could not be found.')
        db_hypervisors.node_get(hypervisor_id)
        raise exception.HypervisorUptimeNotImplemented()
