"""/volume/v3/capabilities/{host}: what a backend reports (admin only),
asked of the backend's volume service over RPC as cinder does. `host`
may name the host or the backend (host@backend)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.common import exception
from stratus.common import log
from stratus.common import rpc
from stratus.db.api import volume_services

LOG = log.getLogger(__name__)


def _view(caps, backend):
    protocol = caps.get('storage_protocol')
    if isinstance(protocol, list):
        protocol = protocol[0]      # the preferred variant
    return {
        'namespace': 'OS::Storage::Capabilities::%s' % backend,
        'vendor_name': caps.get('vendor_name'),
        'volume_backend_name': caps.get('volume_backend_name'),
        'pool_name': caps.get('pool_name'),
        'driver_version': caps.get('driver_version'),
        'storage_protocol': protocol,
        'display_name': caps.get('display_name'),
        'description': caps.get('description'),
        'visibility': caps.get('visibility'),
        'replication_targets': caps.get('replication_targets', []),
        'properties': caps.get('properties'),
    }


class CapabilitiesController(rest.RestController):

    @pecan.expose()
    def get_one(self, host):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'volume_extension:capabilities')
        services = volume_services.service_list(
            host=host, binary=volume_services.VOLUME_BINARY)
        if not services:
            raise exception.NotFound("Can't find service: %s" % host)
        backend = services[0]['host']
        from stratus.api.volume import volumes
        try:
            caps = volumes.VOLUMES.volume_rpc.get_capabilities(ctxt, backend)
        except rpc.MessagingTimeout:
            LOG.error('Timeout while requesting capabilities from backend '
                      '%s.', backend)
            raise exception.VolumeRPCTimeout()
        return wsgi.response(_view(caps, backend))
