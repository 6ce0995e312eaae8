"""/compute/v2.1/os-hosts (admin, 2.1 to 2.42; 404 from 2.43 as nova):
list the hosts of the compute-side services, show a compute host's
resources, and the host-level operations nova leaves to the virt driver.

stratus's drivers (like nova's libvirt) implement none of set_host_enabled,
host_maintenance_mode or host_power_action: on an existing compute host
update, reboot, shutdown and startup answer 501 "Feature not supported."."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import services
from stratus.api.compute.views import availability_zones as zones
from stratus.common import exception
from stratus.db.api import hypervisors
from stratus.db.api import instances
from stratus.db.api import services as db_services

LAST_VERSION = (2, 42)
_STATES = ['enable', 'disable', 'Enable', 'Disable', 'ENABLE', 'DISABLE']
_update = {
    'type': 'object',
    'properties': {'status': {'type': 'string', 'enum': _STATES},
                   'maintenance_mode': {'type': 'string', 'enum': _STATES}},
    'anyOf': [{'required': ['status']}, {'required': ['maintenance_mode']}],
    'additionalProperties': False,
}
_POWER_ACTIONS = ('reboot', 'shutdown', 'startup')


def _begin(action):
    if wsgi.version() > LAST_VERSION:
        raise exception.NotFound('The resource could not be found.')
    policy.require_admin(wsgi.context(), 'os_compute_api:os-hosts:%s' %
                         action)


def _compute_service(host):
    """The host's compute service; a host without one is not mapped to
    any cell in nova's words."""
    rows = db_services.service_list(binary='stratus-compute', host=host)
    if not rows:
        raise exception.NotFound("Host '%s' is not mapped to any cell" %
                                 host)
    return rows[0]


def _not_supported(host):
    _compute_service(host)
    raise exception.FeatureNotSupported()


def _resource(host, project, cpu, memory_mb, disk_gb):
    return {'resource': {'host': host, 'project': project, 'cpu': cpu,
                         'memory_mb': memory_mb, 'disk_gb': disk_gb}}


def _resources(host):
    _compute_service(host)
    nodes = [n for n in hypervisors.node_list() if n['host'] == host]
    if not nodes:
        raise exception.NotFound('Compute host %s could not be found.' %
                                 host)
    node = nodes[0]
    servers = instances.list_instances(filters={'host': host})
    body = [_resource(host, '(total)', node['vcpus'], node['memory_mb'],
                      node['local_gb']),
            _resource(host, '(used_now)', node['vcpus_used'],
                      node['memory_mb_used'], node['local_gb_used']),
            _resource(host, '(used_max)',
                      sum(i['vcpus'] for i in servers),
                      sum(i['memory_mb'] for i in servers),
                      sum(i['root_gb'] + i['ephemeral_gb']
                          for i in servers))]
    projects = {}
    for i in servers:
        used = projects.setdefault(i['project_id'], [0, 0, 0])
        used[0] += i['vcpus']
        used[1] += i['memory_mb']
        used[2] += i['root_gb'] + i['ephemeral_gb']
    body += [_resource(host, project, *used)
             for project, used in projects.items()]
    return body


class HostsController(rest.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        _begin('list')
        zone = wsgi.query_value(kwargs, 'zone')
        hosts = []
        for row in db_services.service_list(binaries=services.BINARIES):
            if row['disabled'] or (zone and zones.zone_of(row) != zone):
                continue
            hosts.append({'host_name': row['host'],
                          'service': row['binary'].split('-', 1)[-1],
                          'zone': zones.zone_of(row)})
        return wsgi.response({'hosts': hosts})

    @pecan.expose()
    def get_one(self, host, *rest):
        # /os-hosts/{host} or /os-hosts/{host}/{reboot|shutdown|startup}
        if not rest:
            _begin('show')
            return wsgi.response({'host': _resources(host)})
        action = rest[0]
        if len(rest) > 1 or action not in _POWER_ACTIONS:
            raise exception.NotFound('The resource could not be found.')
        _begin('start' if action == 'startup' else action)
        _not_supported(host)

    @pecan.expose()
    def put(self, host):
        _begin('update')
        body = validation.body(_update)
        # nova sets the status first, then the maintenance mode; neither
        # is implemented by the driver.
        _not_supported(host)
        return wsgi.response(body)
