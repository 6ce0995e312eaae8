"""/compute/v2.1/servers: list, detail, show, create, update, delete, and
the sub-resources (action, metadata, os-instance-actions)."""
import datetime

import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import instance_actions
from stratus.api.compute import server_actions
from stratus.api.compute import server_create
from stratus.api.compute import server_metadata
from stratus.api.compute.schemas import servers as schemas
from stratus.api.compute.views import servers as views
from stratus.common import exception
from stratus.compute import api as compute_api
from stratus.compute import states
from stratus.db.api import instances

COMPUTE = compute_api.ComputeAPI()
_STATUSES = {'ACTIVE', 'BUILD', 'SHUTOFF', 'PAUSED', 'SUSPENDED', 'RESCUE',
             'ERROR', 'DELETED', 'SHELVED', 'SHELVED_OFFLOADED',
             'VERIFY_RESIZE', 'SOFT_DELETED'}


def _int(kwargs, key):
    value = wsgi.query_value(kwargs, key)
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise exception.Invalid('%s param must be an integer' % key)
    return number


def _changes_since(kwargs):
    value = wsgi.query_value(kwargs, 'changes-since')
    if value is None:
        return None
    try:
        when = datetime.datetime.fromisoformat(value.replace('Z', '+00:00'))
    except ValueError:
        raise exception.Invalid('Invalid changes-since value')
    if when.tzinfo is not None:
        when = when.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return when


def _list(kwargs):
    ctxt = wsgi.context()
    policy.require_reader(ctxt, 'os_compute_api:servers:index')
    all_tenants = wsgi.query_value(kwargs, 'all_tenants') is not None
    if all_tenants:
        policy.require_admin(ctxt, 'os_compute_api:servers:index:'
                                   'get_all_tenants')
    filters = {'name': wsgi.query_value(kwargs, 'name'),
               'image_ref': wsgi.query_value(kwargs, 'image'),
               'flavor': wsgi.query_value(kwargs, 'flavor'),
               'availability_zone': wsgi.query_value(kwargs,
                                                     'availability_zone')}
    if ctxt.is_admin:
        filters['host'] = wsgi.query_value(kwargs, 'host')
        filters['node'] = wsgi.query_value(kwargs, 'node')
    status = wsgi.query_value(kwargs, 'status')
    if status:
        if status.upper() not in _STATUSES:
            raise exception.Invalid('Invalid status value')
        filters['vm_states'] = states.vm_states_for_status(status)
    project_id = ctxt.project_id
    if all_tenants:
        project_id = wsgi.query_value(kwargs, 'project_id') or \
            wsgi.query_value(kwargs, 'tenant_id')
    read_deleted = (ctxt.is_admin and str(wsgi.query_value(
        kwargs, 'deleted', '')).lower() in ('true', '1'))
    limit = _int(kwargs, 'limit')
    rows = instances.list_instances(
        project_id=project_id, filters=filters, limit=limit,
        marker=wsgi.query_value(kwargs, 'marker'),
        read_deleted=read_deleted, changes_since=_changes_since(kwargs))
    return ctxt, rows, limit


def _page(key, rows, limit, view, path):
    body = {key: view}
    if limit and len(rows) == limit:
        body[key + '_links'] = [{'rel': 'next', 'href': '%s%s?limit=%d&'
                                 'marker=%s' % (wsgi.host_url(), path, limit,
                                                rows[-1]['uuid'])}]
    return body


class ServersController(rest.RestController):
    _custom_actions = {'detail': ['GET'], 'action': ['POST']}
    metadata = server_metadata.ServerMetadataController()

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt, rows, limit = _list(kwargs)
        base = wsgi.host_url()
        return wsgi.response(_page(
            'servers', rows, limit, [views.basic(r, base) for r in rows],
            '/compute/v2.1/servers'))

    @pecan.expose()
    def detail(self, **kwargs):
        ctxt, rows, limit = _list(kwargs)
        base = wsgi.host_url()
        return wsgi.response(_page(
            'servers', rows, limit,
            [views.detail(r, base, ctxt.is_admin) for r in rows],
            '/compute/v2.1/servers/detail'))

    @pecan.expose()
    def get_one(self, server_id):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'os_compute_api:servers:show')
        instance = COMPUTE.get(ctxt, server_id)
        return wsgi.response({'server': views.detail(
            instance, wsgi.host_url(), ctxt.is_admin)})

    @pecan.expose()
    def post(self):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'os_compute_api:servers:create')
        body = validation.body(schemas.create)
        request = server_create.resolve(ctxt, body)
        created, password = COMPUTE.create(ctxt, request)
        base = wsgi.host_url()
        if str(body['server'].get('return_reservation_id')).lower() == \
                'true':
            return wsgi.response({'reservation_id': created[0][
                'reservation_id']}, status=202)
        first = created[0]
        return wsgi.response(
            {'server': views.created(first, base, password)}, status=202,
            headers={'Location': views.links(base, first['uuid'])[0][
                'href']})

    @pecan.expose()
    def put(self, server_id):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'os_compute_api:servers:update')
        body = validation.body(schemas.update)['server']
        values = {}
        if 'name' in body:
            values['display_name'] = body['name']
        instance = COMPUTE.update(ctxt, server_id, values)
        return wsgi.response({'server': views.detail(
            instance, wsgi.host_url(), ctxt.is_admin)})

    @pecan.expose()
    def delete(self, server_id):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'os_compute_api:servers:delete')
        COMPUTE.delete(ctxt, server_id)
        return wsgi.response(status=204)

    @pecan.expose()
    def action(self, server_id):
        return server_actions.dispatch(COMPUTE, server_id)


pecan.route(ServersController, 'os-instance-actions',
            instance_actions.InstanceActionsController())
