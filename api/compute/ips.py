"""/servers/{id}/ips and /ips/{network}: the server's addresses by network.

stratus has no networking service, so a server has no ports: the index
is empty and any network name is one the server is not a member of."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.common import exception


def _networks(server_id, action):
    from stratus.api.compute.servers import COMPUTE
    ctxt = wsgi.context()
    COMPUTE.get(ctxt, server_id)
    policy.require_reader(ctxt, 'os_compute_api:ips:%s' % action)
    # network name -> [{'version': 4|6, 'addr': ...}]; no ports, none.
    return {}


class IPsController(rest.RestController):

    @pecan.expose()
    def get_all(self, server_id):
        return wsgi.response({'addresses': _networks(server_id, 'index')})

    @pecan.expose()
    def get_one(self, server_id, network):
        networks = _networks(server_id, 'show')
        if network not in networks:
            raise exception.NotFound('Instance is not a member of specified '
                                     'network')
        return wsgi.response({network: networks[network]})
