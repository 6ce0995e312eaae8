"""/compute/v2.1/os-availability-zone: the zones of the compute-side
services; /detail (admin) adds the internal zone and each host's
services."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.compute import query
from stratus.api.compute import services
from stratus.api.compute.views import availability_zones as views
from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db.api import aggregates as db_aggregates
from stratus.db.api import services as db_services


def _rows():
    return db_aggregates.with_zones(
        db_services.service_list(binaries=services.BINARIES))


class AvailabilityZonesController(rest.RestController):
    _custom_actions = {'detail': ['GET']}

    @pecan.expose()
    def get_all(self, **kwargs):
        query.strict_from_2102()
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'os_compute_api:os-availability-zone:'
                                    'list')
        available, unavailable = views.split_zones(_rows())
        internal = CONF.internal_service_availability_zone
        body = [views.zone(z, True) for z in available if z != internal]
        body += [views.zone(z, False) for z in unavailable if z != internal]
        return wsgi.response({'availabilityZoneInfo': body})

    @pecan.expose()
    def detail(self, *remainder, **kwargs):
        query.strict_from_2102()
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-availability-zone:'
                                   'detail')
        if remainder:
            raise exception.NotFound('The resource could not be found.')
        rows = _rows()
        available, unavailable = views.split_zones(rows)
        body = [views.zone(z, True, views.zone_hosts(rows, z))
                for z in available]
        body += [views.zone(z, False) for z in unavailable]
        return wsgi.response({'availabilityZoneInfo': body})
