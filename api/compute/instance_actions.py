"""/compute/v2.1/servers/{server_id}/os-instance-actions: what was done to
a server and each step's events. 2.21: deleted servers too; 2.51: events
for every reader (tracebacks for admins); 2.58: paging and changes-since
(strict query), updated_at; 2.62: hostId and host; 2.66: changes-before;
2.84: event details for admins."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.compute import query
from stratus.api.compute.views import instance_actions as views
from stratus.common import exception
from stratus.db.api import instance_actions as db_actions

_POLICY = 'os_compute_api:os-instance-actions:%s'


def _check_server(ctxt, server_id):
    """The server, 404 unless the caller may see it. Deleted servers'
    actions are shown only from 2.21, as in nova."""
    read_deleted = wsgi.version() >= (2, 21)
    server = db_actions.instance_owner(server_id, read_deleted=read_deleted)
    policy.check_owner(ctxt, server['project_id'],
                       exception.InstanceNotFound(instance_id=server_id))
    return server


def _list_query(version):
    if version < (2, 58):
        return query.schema({}, strict=False)
    properties = {'limit': query.single(query.NON_NEGATIVE_INT),
                  'marker': query.single({'type': 'string'}),
                  'changes-since': query.single({'type': 'string'})}
    if version >= (2, 66):
        properties['changes-before'] = query.single({'type': 'string'})
    return query.schema(properties, strict=True)


def _paged_list(server_id, kwargs, version):
    """2.58: (actions, 'links' of a full page)."""
    since, before = query.changes_window(kwargs, version >= (2, 66))
    limit, marker = query.limit_marker(kwargs)
    rows = db_actions.action_list(server_id, limit=limit, marker=marker,
                                  changes_since=since,
                                  changes_before=before)
    collection = 'servers/%s/os-instance-actions' % server_id
    return rows, query.next_links(kwargs, collection, len(rows),
                                  rows[-1]['request_id'] if rows else None)


class InstanceActionsController(rest.RestController):
    """Mounted under a server by the servers controller; every method takes
    the server id first."""

    @pecan.expose()
    def get_all(self, server_id, **kwargs):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, _POLICY % 'list')
        version = wsgi.version()
        _check_server(ctxt, server_id)
        query.check(kwargs, _list_query(version))
        links = None
        if version >= (2, 58):
            rows, links = _paged_list(server_id, kwargs, version)
        else:
            rows = db_actions.action_list(server_id)
        body = {'instanceActions': [views.action(r, version) for r in rows]}
        if links:
            body['links'] = links
        return wsgi.response(body)

    @pecan.expose()
    def get_one(self, server_id, request_id, **kwargs):
        query.strict_from_2102()
        ctxt = wsgi.context()
        policy.require_reader(ctxt, _POLICY % 'show')
        server = _check_server(ctxt, server_id)
        row = db_actions.action_get(server_id, request_id)
        # os_compute_api:os-instance-actions:events (tracebacks, host) and
        # :events:details are admin-only.
        return wsgi.response({'instanceAction': views.action_with_events(
            row, wsgi.version(), ctxt.is_admin, server['project_id'])})
