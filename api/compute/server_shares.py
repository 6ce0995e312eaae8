"""/servers/{id}/shares (from 2.97, 404 before). stratus has no shared
file systems service, so no server ever has a share mapping: an empty
list, and every share id is one nova could not find. Attaching a share
(POST) is not served yet."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.common import exception

_RULE = 'os_compute_api:os-server-shares:%s'


def _server(server_id, action, write=False):
    from stratus.api.compute.servers import COMPUTE
    if wsgi.version() < (2, 97):
        raise exception.NotFound('The resource could not be found.')
    ctxt = wsgi.context()
    instance = COMPUTE.get(ctxt, server_id)
    (policy.require_member if write else policy.require_reader)(
        ctxt, _RULE % action)
    return instance


class ServerSharesController(rest.RestController):
    @pecan.expose()
    def get_all(self, server_id, **kwargs):
        _server(server_id, 'index')
        return wsgi.response({'shares': []})

    @pecan.expose()
    def get_one(self, server_id, share_id, **kwargs):
        _server(server_id, 'show')
        raise exception.NotFound('Share %s could not be found.' % share_id)

    @pecan.expose()
    def delete(self, server_id, share_id):
        instance = _server(server_id, 'delete', write=True)
        # nova detaches shares only from a stopped (or errored) server.
        if instance['vm_state'] not in ('stopped', 'error'):
            raise exception.InstanceInvalidState(
                action='delete share', instance_uuid=server_id,
                attr='vm_state', state=instance['vm_state'])
        raise exception.NotFound('Share %s could not be found.' % share_id)
