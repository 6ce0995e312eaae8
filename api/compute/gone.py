"""Families nova removed (nova-network, cells v1, cloudpipe, agents,
certificates, fping, XenAPI consoles, virtual interfaces):
nova still routes them and answers 410 Gone at every microversion, for
every method and sub-path, before looking anything up."""
import pecan

from stratus.common import exception

# Root families of /compute/v2.1 and sub-resources of /servers/{id}.
ROOT_FAMILIES = ('os-agents', 'os-cells', 'os-certificates', 'os-cloudpipe',
                 'os-fixed-ips', 'os-floating-ip-dns', 'os-floating-ips-bulk',
                 'os-fping', 'os-security-group-default-rules')
SERVER_FAMILIES = ('consoles', 'os-virtual-interfaces')


class GoneController:
    @pecan.expose()
    def index(self, *args, **kwargs):
        raise exception.Gone()

    @pecan.expose()
    def _default(self, *args, **kwargs):
        raise exception.Gone()
