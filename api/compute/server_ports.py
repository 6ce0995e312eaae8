"""/servers/{id}/os-interface and /servers/{id}/os-security-groups, served
at every microversion as nova does. stratus has no network service, so a
server has no ports and no security groups: empty lists, and every port
id is one nova (over neutron) could not find."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.common import exception


def _server(server_id, rule):
    from stratus.api.compute.servers import COMPUTE
    ctxt = wsgi.context()
    COMPUTE.get(ctxt, server_id)
    policy.require_reader(ctxt, rule)


class InterfacesController(rest.RestController):
    @pecan.expose()
    def get_all(self, server_id, **kwargs):
        _server(server_id, 'os_compute_api:os-attach-interfaces:list')
        return wsgi.response({'interfaceAttachments': []})

    @pecan.expose()
    def get_one(self, server_id, port_id, **kwargs):
        _server(server_id, 'os_compute_api:os-attach-interfaces:show')
        raise exception.NotFound('Port id %s could not be found.' % port_id)


class ServerSecurityGroupsController(rest.RestController):
    @pecan.expose()
    def get_all(self, server_id, **kwargs):
        _server(server_id, 'os_compute_api:os-security-groups:list')
        return wsgi.response({'security_groups': []})


SERVER_FAMILIES = (
    ('os-interface', InterfacesController()),
    ('os-security-groups', ServerSecurityGroupsController()),
)
