"""/compute/v2.1/servers/{server_id}/os-instance-actions: what was done to
a server and, for admins, each step's events (2.1)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.compute.views import instance_actions as views
from stratus.common import exception
from stratus.db.api import instance_actions as db_actions

_POLICY = 'os_compute_api:os-instance-actions:%s'


def _check_server(ctxt, server_id):
    """404 unless the caller may see the server. Deleted servers' actions
    are shown only from 2.21, as in nova."""
    read_deleted = wsgi.version() >= (2, 21)
    server = db_actions.instance_owner(server_id, read_deleted=read_deleted)
    policy.check_owner(ctxt, server['project_id'],
                       exception.InstanceNotFound(instance_id=server_id))


class InstanceActionsController(rest.RestController):
    """Mounted under a server by the servers controller; every method takes
    the server id first."""

    @pecan.expose()
    def get_all(self, server_id, **kwargs):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, _POLICY % 'list')
        _check_server(ctxt, server_id)
        rows = db_actions.action_list(server_id)
        return wsgi.response({'instanceActions': [views.action(r)
                                                  for r in rows]})

    @pecan.expose()
    def get_one(self, server_id, request_id, **kwargs):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, _POLICY % 'show')
        _check_server(ctxt, server_id)
        row = db_actions.action_get(server_id, request_id)
        # os_compute_api:os-instance-actions:events is admin-only.
        return wsgi.response({'instanceAction': views.action_with_events(
            row, show_events=ctxt.is_admin)})
