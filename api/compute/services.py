"""/compute/v2.1/os-services: the compute-side daemons and their state."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute.schemas import services as schemas
from stratus.api.compute.views import services as views
from stratus.common import exception
from stratus.db.api import services as db_services

# Daemons nova's service list shows; stratus-volume belongs to the volume API.
BINARIES = ('stratus-conductor', 'stratus-scheduler', 'stratus-compute')


class ServicesController(rest.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-services:list')
        rows = db_services.service_list(
            binary=wsgi.query_value(kwargs, 'binary'),
            host=wsgi.query_value(kwargs, 'host'), binaries=BINARIES)
        return wsgi.response({'services': [views.service(r) for r in rows]})

    @pecan.expose()
    def put(self, action, **kwargs):
        """2.1-2.52: PUT /os-services/{enable,disable,disable-log-reason}."""
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-services:update')
        if action not in schemas.ACTIONS:
            raise exception.NotFound('Unknown action')
        body = validation.body(schemas.ACTIONS[action])
        rows = db_services.service_list(binary=body['binary'],
                                        host=body['host'])
        if not rows:
            raise exception.ServiceNotFound(
                service_id='%s on host %s' % (body['binary'], body['host']))
        values = {'disabled': action != 'enable',
                  'disabled_reason': body.get('disabled_reason')}
        db_services.service_update(rows[0]['id'], values)
        result = {'host': body['host'], 'binary': body['binary'],
                  'status': 'enabled' if action == 'enable' else 'disabled'}
        if action == 'disable-log-reason':
            result['disabled_reason'] = body['disabled_reason']
        return wsgi.response({'service': result})

    @pecan.expose()
    def delete(self, service_id):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-services:delete')
        if not str(service_id).isdigit():
            raise exception.Invalid(reason='Invalid uuid %s' % service_id)
        row = db_services.service_get(int(service_id))
        if row['binary'] not in BINARIES:
            raise exception.ServiceNotFound(service_id=service_id)
        db_services.service_delete(int(service_id))
        return wsgi.response(status=204)
