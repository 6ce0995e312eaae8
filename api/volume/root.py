"""The /volume surface: version documents and the v3 API pipeline.

Routes answer both with the project id in the path
(``/volume/v3/{project_id}/volumes``) and without it (cinder >= 3.67).
"""
import re

import pecan

from stratus.api import wsgi
from stratus.api.middleware import auth
from stratus.api.middleware import faults
from stratus.api.middleware import layer
from stratus.api.middleware import microversion
from stratus.api.middleware import request_id
from stratus.api.volume import attachments
from stratus.api.volume import availability_zones
from stratus.api.volume import backups
from stratus.api.volume import capabilities
from stratus.api.volume import clusters
from stratus.api.volume import consistencygroups
from stratus.api.volume import default_types
from stratus.api.volume import extensions
from stratus.api.volume import group_snapshots
from stratus.api.volume import group_types
from stratus.api.volume import groups
from stratus.api.volume import hosts
from stratus.api.volume import limits
from stratus.api.volume import manageable
from stratus.api.volume import messages
from stratus.api.volume import pools
from stratus.api.volume import qos_specs
from stratus.api.volume import quota_classes
from stratus.api.volume import quota_sets
from stratus.api.volume import resource_filters
from stratus.api.volume import services
from stratus.api.volume import snapshots
from stratus.api.volume import transfers
from stratus.api.volume import types
from stratus.api.volume import versions
from stratus.api.volume import volumes
from stratus.api.volume import workers


def _v3(base):
    return {
        'id': 'v3.0', 'status': 'CURRENT',
        'version': microversion.to_str(versions.MAX),
        'min_version': microversion.to_str(versions.MIN),
        'updated': versions.UPDATED,
        'links': [{'rel': 'describedby', 'type': 'text/html',
                   'href': 'https://docs.openstack.org/'},
                  {'rel': 'self', 'href': '%s/volume/v3/' % base}],
        'media-types': [{'base': 'application/json',
                         'type': 'application/vnd.openstack.volume+json;'
                                 'version=3'}],
    }


class V3Root:
    volumes = volumes.VolumesController()
    snapshots = snapshots.SnapshotsController()
    types = types.TypesController()
    attachments = attachments.AttachmentsController()
    limits = limits.LimitsController()
    messages = messages.MessagesController()
    capabilities = capabilities.CapabilitiesController()
    extensions = extensions.ExtensionsController()
    group_types = group_types.GroupTypesController()
    groups = groups.GroupsController()
    group_snapshots = group_snapshots.GroupSnapshotsController()
    backups = backups.BackupsController()
    resource_filters = resource_filters.ResourceFiltersController()
    clusters = clusters.ClustersController()
    workers = workers.WorkersController()
    manageable_volumes = manageable.ManageableVolumesController((3, 8))
    manageable_snapshots = manageable.ManageableSnapshotsController((3, 8))
    # (cgsnapshots first: the next line rebinds the module's name)
    cgsnapshots = consistencygroups.CgsnapshotsController()
    consistencygroups = consistencygroups.ConsistencyGroupsController()

    @pecan.expose()
    def index(self):
        return wsgi.response({'versions': [_v3(wsgi.host_url())]})


_ROUTES = {
    'os-services': services.ServicesController(),
    'os-availability-zone': availability_zones.AvailabilityZonesController(),
    'os-quota-sets': quota_sets.QuotaSetsController(),
    'scheduler-stats': pools.SchedulerStatsController(),
    'qos-specs': qos_specs.QosSpecsController(),
    'volume-transfers': transfers.TransfersController(),
    'os-volume-transfer': transfers.TransfersController(),
    'os-hosts': hosts.HostsController(),
    'os-quota-class-sets': quota_classes.QuotaClassesController(),
    'default-types': default_types.DefaultTypesController(),
    'os-volume-manage': manageable.ManageableVolumesController(),
    'os-snapshot-manage': manageable.ManageableSnapshotsController(),
}
for _path, _controller in _ROUTES.items():
    pecan.route(V3Root, _path, _controller)

# First path segments that are resources, not a project id.
RESOURCES = frozenset(['', 'volumes', 'snapshots', 'types', 'attachments',
                       'limits', 'messages', 'capabilities', 'extensions',
                       'group_types', 'groups', 'group_snapshots',
                       'backups', 'resource_filters', 'clusters',
                       'workers', 'manageable_volumes',
                       'manageable_snapshots', 'consistencygroups',
                       'cgsnapshots'] + list(_ROUTES))


_PROJECT_ID = re.compile(r'^[0-9a-f]{32}$|^default$')


class ProjectIdStripper(layer.Layer):
    """Drops a leading project id; another project's id answers 404 (an
    admin may name any project). A first segment that is neither a known
    resource nor shaped like a project id is an unknown resource."""

    def __init__(self, application):
        self.application = application

    def process(self, req):
        first = req.path_info.lstrip('/').split('/', 1)[0]
        if first not in RESOURCES:
            ctxt = req.environ[request_id.ENV_CONTEXT]
            if not _PROJECT_ID.match(first) or (
                    first != ctxt.project_id and not ctxt.is_admin):
                return faults.fault_response(
                    'nova', 404, 'The resource could not be found.')
            req.path_info_pop()
            req.environ['stratus.url_project_id'] = first
        return layer.forward(req, self.application)


class CinderRoutes(layer.Layer):
    """cinder's router answers a method no route has (PUT /volumes,
    DELETE /groups/{id}, ...) with 404, never 405: a collection takes only
    GET and POST, and a 405 from a controller becomes that 404."""

    def __init__(self, application):
        self.application = application

    def process(self, req):
        segments = [s for s in req.path_info.split('/') if s]
        if len(segments) == 1 and req.method not in ('GET', 'POST'):
            return faults.fault_response('nova', 404, NOT_FOUND)
        resp = layer.forward(req, self.application)
        if resp.status_int == 405:
            return faults.fault_response('nova', 404, NOT_FOUND)
        return resp


NOT_FOUND = 'The resource could not be found.'


class VolumeSurface(layer.Layer):
    def __init__(self):
        api = ProjectIdStripper(CinderRoutes(
            wsgi.make_pecan_app(V3Root(), only_404=True)))
        api = microversion.MicroversionMiddleware(api, 'volume',
                                                  versions.MIN, versions.MAX)
        api = auth.AuthMiddleware(
            api, is_public=lambda req: req.path_info in ('', '/'),
            style='nova')
        self.v3 = faults.FaultMiddleware(api, style='nova')

    def process(self, req):
        path = req.path_info.rstrip('/')
        if path == '':
            return wsgi.response({'versions': [_v3(wsgi.host_url(req))]},
                                 status=300)
        if path == '/v3' or req.path_info.startswith('/v3/'):
            req.path_info_pop()
            return layer.forward(req, self.v3)
        return faults.fault_response('nova', 404, 'The resource could not '
                                     'be found.')
