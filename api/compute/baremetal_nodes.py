"""/compute/v2.1/os-baremetal-nodes: nova's proxy of ironic, 2.1 to 2.35
and 404 from 2.36. stratus has no bare metal service: answered as over an
ironic without nodes; the writes are 400 at any version up to 2.35, as
nova always refuses them (use ironic's own command)."""
import json

import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.common import exception

_RULE = 'os_compute_api:os-baremetal-nodes:%s'
_ACTIONS = {'add_interface': 'port-create', 'remove_interface': 'port-delete'}


def _action_name(raw):
    """The action key as the server actions read it (bad JSON or more than
    one key 400, a body that is no object 404), never a 500."""
    if not raw:
        return None
    try:
        body = json.loads(raw)
    except ValueError:
        raise exception.Invalid('Malformed request body')
    if not isinstance(body, dict):
        raise exception.NotFound('The resource could not be found.')
    if len(body) > 1:
        raise exception.Invalid('Malformed request body')
    return next(iter(body), None)


def _proxied():
    if wsgi.version() > (2, 35):
        raise exception.NotFound('The resource could not be found.')


def _use_ironic(cmd):
    raise exception.Invalid('Command not supported. Please use Ironic '
                            'command %s to perform this action.' % cmd)


class BareMetalNodesController(rest.RestController):
    _custom_actions = {'action': ['POST']}

    @pecan.expose()
    def get_all(self, **kwargs):
        _proxied()
        policy.require_admin(wsgi.context(), _RULE % 'list')
        return wsgi.response({'nodes': []})

    @pecan.expose()
    def get_one(self, node_id, **kwargs):
        _proxied()
        policy.require_admin(wsgi.context(), _RULE % 'show')
        raise exception.NotFound('Node %s could not be found.' % node_id)

    @pecan.expose()
    def post(self, **kwargs):
        _proxied()
        _use_ironic('node-create')

    @pecan.expose()
    def delete(self, node_id):
        _proxied()
        _use_ironic('node-delete')

    @pecan.expose()
    def action(self, node_id, **kwargs):
        _proxied()
        name = _action_name(pecan.request.body)
        if name not in _ACTIONS:
            raise exception.Invalid('There is no such action: %s' % name)
        _use_ironic(_ACTIONS[name])
