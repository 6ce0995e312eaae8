"""/compute/v2.1/servers: list, detail, show, create, update, delete, and
the sub-resources (action, metadata, os-instance-actions, tags,
os-volume_attachments)."""
import datetime
import time

import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import gone
from stratus.api.compute import instance_actions
from stratus.api.compute import ips
from stratus.api.compute import pinned_az
from stratus.api.compute import query
from stratus.api.compute import remote_consoles
from stratus.api.compute import server_actions
from stratus.api.compute import server_create
from stratus.api.compute import server_diagnostics
from stratus.api.compute import server_metadata
from stratus.api.compute import server_migrations
from stratus.api.compute import server_password
from stratus.api.compute import server_ports
from stratus.api.compute import server_shares
from stratus.api.compute import server_tags
from stratus.api.compute import volume_attachments
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


def _when(kwargs, key):
    value = wsgi.query_value(kwargs, key)
    if value is None:
        return None
    try:
        when = datetime.datetime.fromisoformat(value.replace('Z', '+00:00'))
    except ValueError:
        raise exception.Invalid('Invalid %s value' % key)
    if when.tzinfo is not None:
        when = when.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return when


def _check_params(kwargs, version):
    """From 2.75 unknown query parameters are an error, not ignored."""
    if version >= (2, 75):
        unknown = sorted(set(kwargs) - schemas.LIST_PARAMS)
        if unknown:
            raise exception.Invalid("Additional properties are not allowed "
                                    "(%s was unexpected)" % ', '.join(
                                        repr(u) for u in unknown))


def _tag_list(kwargs, key):
    value = wsgi.query_value(kwargs, key)
    return [t for t in value.split(',') if t] if value else None


def _list(kwargs):
    ctxt = wsgi.context()
    version = wsgi.version()
    policy.require_reader(ctxt, 'os_compute_api:servers:index')
    _check_params(kwargs, version)
    all_tenants = wsgi.query_value(kwargs, 'all_tenants') is not None
    if all_tenants:
        policy.require_admin(ctxt, 'os_compute_api:servers:index:'
                                   'get_all_tenants')
    filters = {'name': wsgi.query_value(kwargs, 'name'),
               'image_ref': wsgi.query_value(kwargs, 'image'),
               'flavor': wsgi.query_value(kwargs, 'flavor'),
               'availability_zone': wsgi.query_value(kwargs,
                                                     'availability_zone')}
    filters['reservation_id'] = wsgi.query_value(kwargs, 'reservation_id')
    if ctxt.is_admin:
        filters['host'] = wsgi.query_value(kwargs, 'host')
        filters['node'] = wsgi.query_value(kwargs, 'node')
        for key in ('access_ip_v4', 'access_ip_v6'):
            filters[key] = wsgi.query_value(kwargs, key)
    status = wsgi.query_value(kwargs, 'status')
    if status:
        if status.upper() not in _STATUSES:
            # Before 2.38 an unknown status simply matched nothing.
            if version < (2, 38):
                return ctxt, [], None
            raise exception.Invalid('Invalid status value')
        filters['vm_states'] = states.vm_states_for_status(status)
    if version >= (2, 26):
        for key in ('tags', 'tags-any', 'not-tags', 'not-tags-any'):
            filters[key] = _tag_list(kwargs, key)
    if version >= (2, 73) and wsgi.query_value(kwargs, 'locked'):
        filters['locked'] = wsgi.query_value(kwargs, 'locked').lower() in (
            'true', '1', 'yes')
    project_id = ctxt.project_id
    if all_tenants:
        project_id = wsgi.query_value(kwargs, 'project_id') or \
            wsgi.query_value(kwargs, 'tenant_id')
    read_deleted = (ctxt.is_admin and str(wsgi.query_value(
        kwargs, 'deleted', '')).lower() in ('true', '1'))
    limit = _int(kwargs, 'limit')
    marker = wsgi.query_value(kwargs, 'marker')
    try:
        rows = instances.list_instances(
            project_id=project_id, filters=filters, limit=limit,
            marker=marker, read_deleted=read_deleted,
            changes_since=query.since_bound(_when(kwargs, 'changes-since')),
            changes_before=query.before_bound(_when(kwargs, 'changes-before'))
            if version >= (2, 66) else None)
    except exception.MarkerNotFound:
        raise exception.Invalid('marker [%s] not found' % marker)
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
        base, version = wsgi.host_url(), wsgi.version()
        hosts = host_states() if ctxt.is_admin and version >= (2, 16) \
            else None
        return wsgi.response(_page(
            'servers', rows, limit,
            [views.detail(r, base, ctxt.is_admin, version, hosts)
             for r in rows],
            '/compute/v2.1/servers/detail'))

    @pecan.expose()
    def get_one(self, server_id):
        query.strict_from_2102()
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'os_compute_api:servers:show')
        instance = COMPUTE.get(ctxt, server_id)
        return wsgi.response({'server': show_view(ctxt, instance)})

    @pecan.expose()
    def post(self):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'os_compute_api:servers:create')
        version = wsgi.version()
        body = validation.body(schemas.create(version))
        request = server_create.resolve(ctxt, body, version)
        created, password = COMPUTE.create(ctxt, request)
        base = wsgi.host_url()
        # nova tests the raw value's truth: any non-empty string asks.
        if body['server'].get('return_reservation_id', False):
            return wsgi.response({'reservation_id': created[0][
                'reservation_id']}, status=202)
        first = created[0]
        groups = body['server'].get('security_groups')
        return wsgi.response(
            {'server': views.created(first, base, password, groups)},
            status=202,
            headers={'Location': views.links(base, first['uuid'])[0][
                'href']})

    @pecan.expose()
    def put(self, server_id):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'os_compute_api:servers:update')
        body = validation.body(schemas.update(wsgi.version()))['server']
        values = {}
        if 'name' in body:
            values['display_name'] = body['name']
        if 'description' in body:
            values['display_description'] = body['description']
        if 'hostname' in body:
            values['hostname'] = body['hostname']
        values.update(access_ips(body))
        if pinned_az.KEY in body:
            metadata = pinned_az.system_metadata(
                COMPUTE.get(ctxt, server_id), body[pinned_az.KEY])
            if metadata is not None:
                values['system_metadata'] = metadata
        instance = COMPUTE.update(ctxt, server_id, values)
        return wsgi.response({'server': update_view(ctxt, instance)})

    @pecan.expose()
    def delete(self, server_id):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'os_compute_api:servers:delete')
        COMPUTE.delete(ctxt, server_id)
        return wsgi.response(status=204)

    @pecan.expose()
    def action(self, server_id):
        return server_actions.dispatch(COMPUTE, server_id)


_HOST_STATES = {'at': 0.0, 'states': None}
# host_status is derived from heartbeats that age over service_down_time;
# a second of staleness is invisible, and clients polling a server would
# otherwise read the services table on every GET.
HOST_STATES_TTL = 1.0


def host_states():
    """host -> UP / DOWN / MAINTENANCE of every compute (host_status)."""
    from stratus.db.api import services as db_services
    now = time.monotonic()
    if (_HOST_STATES['states'] is not None and
            now - _HOST_STATES['at'] < HOST_STATES_TTL and
            _HOST_STATES['generation'] == db_services.GENERATION[0]):
        return _HOST_STATES['states']
    result = {}
    for service in db_services.service_list(binary='stratus-compute'):
        if service['disabled']:
            result[service['host']] = 'MAINTENANCE'
        else:
            result[service['host']] = 'UP' if service['is_up'] else 'DOWN'
    _HOST_STATES.update(at=now, states=result,
                        generation=db_services.GENERATION[0])
    return result


def access_ips(body):
    """accessIPv4/accessIPv6 of a create, update or rebuild body, as the
    columns nova stores them in."""
    return {column: body[key] for key, column in (
        ('accessIPv4', 'access_ip_v4'), ('accessIPv6', 'access_ip_v6'))
        if key in body}


def update_view(ctxt, instance, rebuild=False):
    """The body of update and rebuild: below 2.75 nova's reduced view."""
    version = wsgi.version()
    return views.updated(instance, wsgi.host_url(), ctxt.is_admin, version,
                         host_states() if ctxt.is_admin and
                         version >= (2, 16) else None, rebuild=rebuild)


def show_view(ctxt, instance):
    """The body of show at the request's version."""
    version = wsgi.version()
    return views.detail(instance, wsgi.host_url(), ctxt.is_admin, version,
                        host_states() if ctxt.is_admin and
                        version >= (2, 16) else None, single=True)


pecan.route(ServersController, 'os-instance-actions',
            instance_actions.InstanceActionsController())
pecan.route(ServersController, 'tags', server_tags.ServerTagsController())
pecan.route(ServersController, 'migrations',
            server_migrations.ServerMigrationsController())
pecan.route(ServersController, 'os-volume_attachments',
            volume_attachments.VolumeAttachmentsController())

# Sub-resources and proxies of the srvroutes family (ips, password,
# diagnostics, topology).
for _path, _controller in (
        ('ips', ips.IPsController()),
        ('os-server-password', server_password.ServerPasswordController()),
        ('diagnostics', server_diagnostics.ServerDiagnosticsController()),
        ('topology', server_diagnostics.ServerTopologyController()),
        ('remote-consoles', remote_consoles.RemoteConsolesController()),
        ('shares', server_shares.ServerSharesController())):
    pecan.route(ServersController, _path, _controller)
for _path in gone.SERVER_FAMILIES:
    pecan.route(ServersController, _path, gone.GoneController())
for _path, _controller in server_ports.SERVER_FAMILIES:
    pecan.route(ServersController, _path, _controller)
