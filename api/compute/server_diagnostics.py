"""/servers/{id}/diagnostics (admin): the driver's own dict before 2.48,
the standardized view from 2.48. Asked of the server's compute; only a
running guest answers (409 otherwise), a driver without diagnostics is 501.

/servers/{id}/topology (2.78): the guest's NUMA topology; stratus guests
have none, so no nodes and no page size."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.common import exception
from stratus.compute import states


def _instance(server_id):
    from stratus.api.compute.servers import COMPUTE
    return COMPUTE, COMPUTE.get(wsgi.context(), server_id, extras=False)


class ServerDiagnosticsController(rest.RestController):

    @pecan.expose()
    def get_all(self, server_id):
        ctxt = wsgi.context()
        compute, instance = _instance(server_id)
        policy.require_admin(ctxt, 'os_compute_api:os-server-diagnostics')
        if not instance['host']:
            raise exception.InstanceNotReady(instance_id=server_id)
        if instance['power_state'] != states.RUNNING:
            raise exception.InstanceInvalidState(
                action='get_diagnostics', instance_uuid=server_id,
                attr='power state', state=states.POWER_STATE_NAMES.get(
                    instance['power_state'], 'pending'))
        rpc = compute.compute_rpc
        if wsgi.version() >= (2, 48):
            figures = rpc.get_instance_diagnostics(ctxt, instance)
        else:
            figures = rpc.get_diagnostics(ctxt, instance)
        if figures is None:
            raise exception.FeatureNotSupported()
        return wsgi.response(figures)


class ServerTopologyController(rest.RestController):

    @pecan.expose()
    def get_all(self, server_id):
        if wsgi.version() < (2, 78):
            raise exception.NotFound('The resource could not be found.')
        _instance(server_id)
        policy.require_reader(wsgi.context(),
                              'compute:server:topology:index')
        return wsgi.response({'nodes': [], 'pagesize_kb': None})
