"""/compute/v2.1/os-services: the compute-side daemons and their state.

2.1-2.52: PUT /os-services/{enable,disable,disable-log-reason} with host and
binary in the body (force-down from 2.11); from 2.53 services are known by
uuid and PUT /os-services/{uuid} updates status and forced_down.
"""
import pecan
from oslo_utils import strutils
from oslo_utils import uuidutils
from pecan import rest

from stratus.api import policy
from stratus.api import service_binaries
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import query
from stratus.api.compute.schemas import services as schemas
from stratus.api.compute.views import services as views
from stratus.common import exception
from stratus.db.api import aggregates as db_aggregates
from stratus.db.api import services as db_services

# Daemons nova's service list shows; stratus-volume belongs to the volume API.
BINARIES = ('stratus-conductor', 'stratus-scheduler', 'stratus-compute')
COMPUTE = 'stratus-compute'
NAMES = service_binaries.COMPUTE


def _only_compute(api_binary):
    # Only compute services take enable/disable/forced_down, as in nova.
    if api_binary != 'nova-compute':
        raise exception.Invalid(
            'Updating a %s service is not supported. Only nova-compute '
            'services can be updated.' % api_binary)


def _by_host_binary(body):
    rows = db_services.service_list(
        binary=service_binaries.from_api(NAMES, body['binary']),
        host=body['host'])
    if not rows:
        raise exception.NotFound('Could not find binary %s on host %s.' % (
            body['binary'], body['host']))
    return rows[0]


def _action(action, body):
    """The 2.1-2.52 actions: (values to store, response body)."""
    result = {'host': body['host'], 'binary': body['binary']}
    if action == 'force-down':
        if 'forced_down' not in body:
            raise exception.Invalid('Missing forced_down field')
        forced = strutils.bool_from_string(body['forced_down'])
        result['forced_down'] = forced
        return {'forced_down': forced}, result
    reason = None
    if action == 'disable-log-reason':
        if 'disabled_reason' not in body:
            raise exception.Invalid('Missing disabled reason field')
        reason = result['disabled_reason'] = body['disabled_reason']
    result['status'] = 'enabled' if action == 'enable' else 'disabled'
    return {'disabled': action != 'enable', 'disabled_reason': reason}, \
        result


def _update_253(body):
    """The values a 2.53 PUT body asks for; 400 when it asks nothing."""
    values = {}
    if body.get('status') == 'enabled':
        if body.get('disabled_reason'):
            raise exception.Invalid("Specifying 'disabled_reason' with "
                                    "status 'enabled' is invalid.")
        values.update(disabled=False, disabled_reason=None)
    elif body.get('status') == 'disabled':
        values.update(disabled=True,
                      disabled_reason=body.get('disabled_reason'))
    if 'forced_down' in body:
        values['forced_down'] = strutils.bool_from_string(
            body['forced_down'], strict=True)
    if not values:
        raise exception.Invalid("No updates were requested. Fields 'status' "
                                "or 'forced_down' should be specified.")
    return values


def _checked_id(service_id, version):
    """A uuid from 2.53, an integer id before (400 otherwise)."""
    if version >= (2, 53):
        if not uuidutils.is_uuid_like(service_id):
            raise exception.Invalid('Invalid uuid %s' % service_id)
        return service_id
    if not str(service_id).isdigit():
        raise exception.Invalid(reason='id must be an integer.')
    return int(service_id)


class ServicesController(rest.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-services:list')
        version = wsgi.version()
        query.check(kwargs, schemas.list_query(version))
        rows = db_services.service_list(
            binary=service_binaries.from_api(
                NAMES, wsgi.query_value(kwargs, 'binary')),
            host=wsgi.query_value(kwargs, 'host'), binaries=BINARIES)
        rows = db_aggregates.with_zones(rows)
        return wsgi.response({'services': [views.service(r, version)
                                           for r in rows]})

    @pecan.expose()
    def put(self, service_id, **kwargs):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-services:update')
        version = wsgi.version()
        if version >= (2, 53):
            return self._update(_checked_id(service_id, version))
        actions = ('enable', 'disable', 'disable-log-reason') + \
            (('force-down',) if version >= (2, 11) else ())
        if service_id not in actions:
            raise exception.NotFound('Unknown action')
        body = validation.body(schemas.action_schema(version))
        _only_compute(body['binary'])
        values, result = _action(service_id, body)
        db_services.service_update(_by_host_binary(body)['id'], values)
        return wsgi.response({'service': result})

    def _update(self, service_uuid):
        body = validation.body(schemas.update_253)
        row = db_services.service_get(service_uuid)
        _only_compute(service_binaries.to_api(NAMES, row['binary']))
        row = db_services.service_update(service_uuid, _update_253(body))
        return wsgi.response({'service': views.service(row, wsgi.version())})

    @pecan.expose()
    def delete(self, service_id):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-services:delete')
        service_id = _checked_id(service_id, wsgi.version())
        row = db_services.service_get(service_id)
        if row['binary'] not in BINARIES:
            raise exception.ServiceNotFound(service_id=service_id)
        if row['binary'] == COMPUTE and \
                db_services.instances_on_host(row['host']):
            raise exception.Conflict(
                'Unable to delete compute service that is hosting '
                'instances. Migrate or delete the instances first.')
        db_services.service_delete(service_id)
        return wsgi.response(status=204)
