"""The /compute surface: version documents and the v2.1 API pipeline."""

from stratus.api import wsgi
from stratus.api.compute import aggregates
from stratus.api.compute import assisted_volume_snapshots
from stratus.api.compute import availability_zones
from stratus.api.compute import baremetal_nodes
from stratus.api.compute import console_auth_tokens
from stratus.api.compute import extensions
from stratus.api.compute import flavors
from stratus.api.compute import gone
from stratus.api.compute import hosts
from stratus.api.compute import hypervisors
from stratus.api.compute import images
from stratus.api.compute import keypairs
from stratus.api.compute import limits
from stratus.api.compute import migrations
from stratus.api.compute import network_proxies
from stratus.api.compute import quota_classes
from stratus.api.compute import quota_sets
from stratus.api.compute import server_external_events
from stratus.api.compute import server_groups
from stratus.api.compute import servers
from stratus.api.compute import services
from stratus.api.compute import snapshots_proxy
from stratus.api.compute import tenant_usage
from stratus.api.compute import usage_audit_log
from stratus.api.compute import versions
from stratus.api.compute import volumes_boot
from stratus.api.compute import volumes_proxy
from stratus.api.middleware import auth
from stratus.api.middleware import faults
from stratus.api.middleware import layer
from stratus.api.middleware import microversion

import pecan


def _v21(base):
    return {
        'id': 'v2.1', 'status': 'CURRENT',
        'version': microversion.to_str(versions.MAX),
        'min_version': microversion.to_str(versions.MIN),
        'updated': versions.UPDATED,
        'links': [{'rel': 'self', 'href': '%s/compute/v2.1/' % base},
                  {'rel': 'describedby', 'type': 'text/html',
                   'href': 'http://docs.openstack.org/'}],
        'media-types': [{'base': 'application/json',
                         'type': 'application/vnd.openstack.compute+json;'
                                 'version=2.1'}],
    }


def _v20(base):
    return {
        'id': 'v2.0', 'status': 'SUPPORTED', 'version': '',
        'min_version': '', 'updated': '2011-01-21T11:33:21Z',
        'links': [{'rel': 'self', 'href': '%s/compute/v2/' % base},
                  {'rel': 'describedby', 'type': 'text/html',
                   'href': 'http://docs.openstack.org/'}],
        'media-types': [{'base': 'application/json',
                         'type': 'application/vnd.openstack.compute+json;'
                                 'version=2'}],
    }


class V21Root:
    flavors = flavors.FlavorsController()
    limits = limits.LimitsController()
    servers = servers.ServersController()

    @pecan.expose()
    def index(self):
        return wsgi.response({'version': _v21(wsgi.host_url())})


for _path, _controller in (
        ('os-services', services.ServicesController()),
        ('os-keypairs', keypairs.KeypairsController()),
        ('os-hypervisors', hypervisors.HypervisorsController()),
        ('os-availability-zone',
         availability_zones.AvailabilityZonesController()),
        ('os-quota-sets', quota_sets.QuotaSetsController()),
        ('os-server-groups', server_groups.ServerGroupsController()),
        ('os-migrations', migrations.MigrationsController()),
        ('os-aggregates', aggregates.AggregatesController()),
        ('images', images.ImagesController()),
        ('os-volumes', volumes_proxy.VolumesProxyController()),
        ('os-snapshots', snapshots_proxy.SnapshotsProxyController()),
        ('os-volumes_boot', volumes_boot.VolumesBootController()),
        ('os-hosts', hosts.HostsController()),
        ('os-quota-class-sets', quota_classes.QuotaClassSetsController()),
        ('extensions', extensions.ExtensionsController()),
        ('os-server-external-events',
         server_external_events.ServerExternalEventsController()),
        ('os-simple-tenant-usage', tenant_usage.TenantUsageController()),
        ('os-instance_usage_audit_log',
         usage_audit_log.UsageAuditLogController()),
        ('os-baremetal-nodes', baremetal_nodes.BareMetalNodesController()),
        ('os-console-auth-tokens',
         console_auth_tokens.ConsoleAuthTokensController()),
        ('os-assisted-volume-snapshots',
         assisted_volume_snapshots.AssistedVolumeSnapshotsController())):
    pecan.route(V21Root, _path, _controller)
for _path in gone.ROOT_FAMILIES:
    pecan.route(V21Root, _path, gone.GoneController())
for _path, _controller in network_proxies.ROOT_FAMILIES:
    pecan.route(V21Root, _path, _controller)


class ComputeSurface(layer.Layer):
    """/compute/ -> versions; /compute/v2/ -> v2.0 doc; /compute/v2.1/..."""

    def __init__(self):
        api = wsgi.make_pecan_app(V21Root(), only_404=True)
        api = microversion.MicroversionMiddleware(
            api, 'compute', versions.MIN, versions.MAX,
            legacy_header='X-OpenStack-Nova-API-Version')
        api = auth.AuthMiddleware(
            api, is_public=lambda req: req.path_info in ('', '/'),
            style='nova')
        self.v21 = faults.FaultMiddleware(api, style='nova')

    def process(self, req):
        path = req.path_info.rstrip('/')
        base = wsgi.host_url(req)
        if path == '':
            return wsgi.response({'versions': [_v20(base), _v21(base)]})
        if path == '/v2':
            return wsgi.response({'version': _v20(base)})
        if path == '/v2.1' or req.path_info.startswith('/v2.1/'):
            req.path_info_pop()
            resp = layer.forward(req, self.v21)
            if resp.status_int == 405:
                # nova's routes map has no 405: a path without the method
                # asked matches no route.
                return faults.fault_response('nova', 404, 'The resource '
                                             'could not be found.')
            return resp
        return faults.fault_response('nova', 404, 'The resource could not '
                                     'be found.')
