"""/servers/{id}/os-interface and /servers/{id}/os-security-groups, served
at every microversion as nova does. stratus has no network service, so a
server has no ports: the interface list is empty, every port id is one
nova (over neutron) could not find, and an attach fails as nova's does
over an empty neutron, after nova's own checks (body, lock, state). A
server's security groups are kept on the server (see
server_security_groups.py)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import query
from stratus.api.compute.schemas import security_groups as schemas
from stratus.common import exception
from stratus.common import timeutils
from stratus.db.api import action_events

_RULE = 'os_compute_api:os-attach-interfaces:%s'


def _server(server_id, rule, write=False):
    from stratus.api.compute.servers import COMPUTE
    ctxt = wsgi.context()
    instance = COMPUTE.get(ctxt, server_id)
    if write:
        policy.require_member(ctxt, rule)
    else:
        policy.require_reader(ctxt, rule)
    return ctxt, instance


def _begin(ctxt, instance, action):
    """nova's @check_instance_lock, @check_instance_state, then the
    instance action it records before asking neutron or the compute."""
    from stratus.api.compute.servers import COMPUTE
    COMPUTE.check_can(ctxt, instance, action)
    action_events.action_start(instance['uuid'], action, ctxt.request_id,
                               ctxt.user_id, ctxt.project_id)


def _compute_failed(ctxt, instance, action):
    """The compute's step of `action`, failed (nova's compute records it
    so when neutron has nothing to give)."""
    now = timeutils.utcnow()
    action_events.event_record(instance['uuid'], ctxt.request_id,
                               'compute_' + action, now, now, 'Error',
                               host=instance['host'])


class InterfacesController(rest.RestController):
    @pecan.expose()
    def get_all(self, server_id, **kwargs):
        _server(server_id, _RULE % 'list')
        return wsgi.response({'interfaceAttachments': []})

    @pecan.expose()
    def get_one(self, server_id, port_id, **kwargs):
        _server(server_id, _RULE % 'show')
        raise exception.NotFound('Port id %s could not be found.' % port_id)

    @pecan.expose()
    def post(self, server_id, **kwargs):
        body = validation.body(schemas.attach(wsgi.version()))
        ctxt, instance = _server(server_id, _RULE % 'create', write=True)
        attachment = body.get('interfaceAttachment') or {}
        net_id = attachment.get('net_id')
        port_id = attachment.get('port_id')
        if net_id and port_id:
            raise exception.Invalid('Must not input both network_id and '
                                    'port_id')
        if attachment.get('fixed_ips') and not net_id:
            raise exception.Invalid('Must input network_id when request IP '
                                    'address')
        _begin(ctxt, instance, 'attach_interface')
        if port_id:
            raise exception.NotFound('Port id %s could not be found.'
                                     % port_id)
        # What the compute meets next: neutron has no network at all.
        _compute_failed(ctxt, instance, 'attach_interface')
        if net_id:
            raise exception.NotFound('Network %s could not be found.'
                                     % net_id)
        raise exception.Invalid(
            "No specific network was requested and none are available for "
            "project '%s'." % instance['project_id'])

    @pecan.expose()
    def delete(self, server_id, port_id):
        ctxt, instance = _server(server_id, _RULE % 'delete', write=True)
        _begin(ctxt, instance, 'detach_interface')
        # nova casts the detach; its compute then finds no such port.
        _compute_failed(ctxt, instance, 'detach_interface')
        return wsgi.response(status=202)


class ServerSecurityGroupsController(rest.RestController):
    @pecan.expose()
    def get_all(self, server_id, **kwargs):
        from stratus.api.compute import server_security_groups
        query.strict_from_2102()
        ctxt, instance = _server(server_id,
                                 'os_compute_api:os-security-groups:list')
        return wsgi.response({'security_groups': server_security_groups
                              .of_server(instance['uuid'])})


SERVER_FAMILIES = (
    ('os-interface', InterfacesController()),
    ('os-security-groups', ServerSecurityGroupsController()),
)
