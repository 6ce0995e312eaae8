"""POST /servers/{id}/remote-consoles (from 2.6). stratus's drivers serve
no graphical or serial console, which nova answers as a compute with that
console disabled: 409 while the server has no host, then 400
"Unavailable console type <type>."."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute.schemas import remote_consoles as schema
from stratus.common import exception


class RemoteConsolesController(rest.RestController):
    @pecan.expose()
    def post(self, server_id, **kwargs):
        from stratus.api.compute.servers import COMPUTE
        version = wsgi.version()
        if version < (2, 6):
            raise exception.NotFound('The resource could not be found.')
        body = validation.body(schema.create(version))['remote_console']
        ctxt = wsgi.context()
        instance = COMPUTE.get(ctxt, server_id)
        policy.require_member(ctxt, 'os_compute_api:os-remote-consoles')
        if body['protocol'] == 'rdp':
            raise exception.Invalid('Unavailable console type rdp.')
        if not instance['host']:
            raise exception.InstanceNotReady(instance_id=server_id)
        raise exception.Invalid('Unavailable console type %s.'
                                % body['type'])
