"""/servers/{id}/shares (from 2.97, 404 before). stratus has no shared
file systems service, so no server ever has a share mapping: an empty
list, and every share id is one nova could not find.

nova's order: the server's cell mapping (404 "has no mapping to a cell",
whatever the project), the policy against the server's project (403 for
another project's server), then the server's state. Attaching (POST)
then asks whether the computes can share at all: nova needs the host's
virtiofs and file-backed memory traits (or a flavor with
hw:mem_page_size and virtiofs), which no stratus compute reports, so it
answers nova's 409 before contacting any share service."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import query
from stratus.common import exception
from stratus.db.api import instances
from stratus.db.api import services as db_services

_RULE = 'os_compute_api:os-server-shares:%s'
_UUID = {'type': 'string', 'format': 'uuid'}
CREATE = {
    'type': 'object',
    'properties': {'share': {
        'type': 'object',
        'properties': {'share_id': _UUID,
                       'tag': {'type': 'string', 'minLength': 1,
                               'maxLength': 255,
                               'pattern': '^[a-zA-Z0-9-]*$'}},
        'required': ['share_id'],
        'additionalProperties': False}},
    'required': ['share'],
    'additionalProperties': False,
}
NOT_CONFIGURED = ('Feature not supported because either compute or '
                  'instance are not configured correctly.')
NOT_UPDATED = 'Feature not supported until computes have not been updated.'


def _version():
    if wsgi.version() < (2, 97):
        raise exception.NotFound('The resource could not be found.')


def _authorized(server_id, action, write):
    """The server's project, checked as nova checks it (its mapping then
    the policy); returns the context."""
    ctxt = wsgi.context()
    try:
        project_id = instances.get(server_id, extras=False)['project_id']
    except exception.InstanceNotFound:
        raise exception.NotFound('Instance %s has no mapping to a cell.'
                                 % server_id)
    (policy.require_member if write else policy.require_reader)(
        ctxt, _RULE % action)
    if not ctxt.is_admin and project_id != ctxt.project_id:
        raise exception.Forbidden(action=_RULE % action)
    return ctxt


def _server(server_id, action, write=False):
    from stratus.api.compute.servers import COMPUTE
    ctxt = _authorized(server_id, action, write)
    return COMPUTE.get(ctxt, server_id)


def _check_state(instance, action, allowed):
    if instance['vm_state'] not in allowed:
        raise exception.InstanceInvalidState(
            action=action, instance_uuid=instance['uuid'],
            attr='vm_state', state=instance['vm_state'])


class ServerSharesController(rest.RestController):
    @pecan.expose()
    def get_all(self, server_id, **kwargs):
        _version()
        query.strict_from((2, 97))
        _server(server_id, 'index')
        return wsgi.response({'shares': []})

    @pecan.expose()
    def get_one(self, server_id, share_id, **kwargs):
        _version()
        query.strict_from((2, 97))
        _server(server_id, 'show')
        raise exception.NotFound('Share %s could not be found.' % share_id)

    @pecan.expose()
    def post(self, server_id, **kwargs):
        _version()
        validation.body(CREATE)
        instance = _server(server_id, 'create', write=True)
        # nova attaches shares only to a stopped server.
        _check_state(instance, 'create share', ('stopped',))
        if not db_services.service_list(binary='stratus-compute'):
            raise exception.Forbidden(NOT_UPDATED)
        raise exception.Conflict(NOT_CONFIGURED)

    @pecan.expose()
    def delete(self, server_id, share_id):
        _version()
        instance = _server(server_id, 'delete', write=True)
        # nova detaches shares only from a stopped (or errored) server.
        _check_state(instance, 'delete share', ('stopped', 'error'))
        raise exception.NotFound('Share %s could not be found.' % share_id)
