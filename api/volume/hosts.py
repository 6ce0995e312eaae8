"""/volume/v3/os-hosts: the block-storage hosts (admin only; cinder's
deprecated Host API). The list shows the enabled services; show sums the
volumes and snapshots of one volume backend, in total and per project;
update ends in cinder's unimplemented host API."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import service_binaries
from stratus.api import timefmt
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.volume import request_validation
from stratus.common import exception
from stratus.db.api import volume_services

POLICY = 'volume_extension:hosts'
BINARIES = ('stratus-scheduler', 'stratus-volume')
UPDATE = {'type': 'object', 'properties': {
    'status': {'type': 'string', 'enum': ['enable', 'disable']}},
    'required': [], 'additionalProperties': True}


def _hosts(zone=None):
    hosts = []
    for row in volume_services.service_list(binaries=BINARIES):
        if row['disabled'] or (zone and row['availability_zone'] != zone):
            continue
        hosts.append({
            'host_name': row['host'],
            # cinder's topic is its binary's name.
            'service': service_binaries.to_api(service_binaries.VOLUME,
                                               row['binary']),
            'zone': row['availability_zone'],
            'service-status': 'available' if row['is_up'] else
                              'unavailable',
            'service-state': 'enabled',
            'last-update': timefmt.iso_us(row['updated_at']),
        })
    return hosts


def _resource(host, project, counts):
    volumes, volume_gb, snapshots, snapshot_gb = counts
    return {'resource': {'host': host, 'project': project,
                         'volume_count': str(volumes),
                         'total_volume_gb': str(volume_gb),
                         'snapshot_count': str(snapshots),
                         'total_snapshot_gb': str(snapshot_gb)}}


class HostsController(rest.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        policy.require_admin(wsgi.context(), POLICY)
        return wsgi.response({'hosts': _hosts(
            wsgi.query_value(kwargs, 'zone'))})

    @pecan.expose()
    def get_one(self, host):
        policy.require_admin(wsgi.context(), POLICY)
        # cinder looks up an enabled volume service only.
        services = [s for s in volume_services.service_list(
            host=host, binary=volume_services.VOLUME_BINARY)
            if not s['disabled']]
        if not services:
            raise exception.VolumeServiceNotFound(
                service_id='cinder-volume', host=host)
        usage = volume_services.backend_usage(services[0]['host'])
        totals = [sum(u[i] for u in usage.values()) for i in range(4)]
        rows = [_resource(host, '(total)', totals)]
        rows += [_resource(host, project, usage[project])
                 for project in sorted(usage)]
        return wsgi.response({'host': rows})

    @pecan.expose()
    def put(self, host, **kwargs):
        if host not in [h['host_name'] for h in _hosts()]:
            raise exception.NotFound('Host %s could not be found.' % host)
        body = request_validation.check(UPDATE, validation.load_json(pecan.request))
        policy.require_admin(wsgi.context(), POLICY)
        updates = {}
        for raw_key, raw_value in body.items():
            key = raw_key.lower().strip()
            value = str(raw_value).lower().strip()
            if key != 'status':
                raise exception.Invalid(
                    message="Invalid update setting: '%s'" % raw_key)
            if value not in ('enable', 'disable'):
                raise exception.Invalid(
                    message="Invalid status: '%s'" % raw_value)
            updates[key] = value
        if not updates:
            return wsgi.response({})
        # cinder's HostAPI.set_host_enabled is not implemented: a 500.
        raise exception.StratusException(
            'The server has either erred or is incapable of performing '
            'the requested operation.')
