"""POST /os-server-external-events: the service API through which
neutron, cinder and ironic tell nova about a server (a port plugged, a
volume extended, a power change). Each event comes back with its code
(see compute/external_events.accept); any failure makes the answer 207.
Nova's default policy is the service role alone (admin is not enough)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute.schemas import server_external_events as schemas
from stratus.common import exception

POLICY = 'os_compute_api:os-server-external-events:create'


def _require_service(ctxt):
    policy.require_authenticated(ctxt)
    policy.check_scope(ctxt, POLICY)
    if 'service' not in (ctxt.roles or ()):
        raise exception.Forbidden(action=POLICY)


class ServerExternalEventsController(rest.RestController):

    @pecan.expose()
    def post(self):
        from stratus.api.compute.servers import COMPUTE
        from stratus.compute import external_events
        ctxt = wsgi.context()
        _require_service(ctxt)
        events = validation.body(
            schemas.create_schema(wsgi.version()))['events']
        result = external_events.accept(COMPUTE, ctxt.elevated(), events)
        return wsgi.response({'events': events}, status=result)
