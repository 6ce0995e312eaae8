"""/volume/v3/os-availability-zone: the zones of the volume services, in
service order; a zone is available while one of its services is enabled
(cinder does not ask whether it is up)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.common.conf import CONF
from stratus.db.api import services as db_services


class AvailabilityZonesController(rest.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'volume_extension:availability_zone_list')
        zones = {}
        for service in db_services.service_list(binary='stratus-volume'):
            zone = service['availability_zone'] or \
                CONF.storage_availability_zone
            zones[zone] = zones.get(zone, False) or not service['disabled']
        return wsgi.response({'availabilityZoneInfo': [
            {'zoneName': zone, 'zoneState': {'available': available}}
            for zone, available in zones.items()]})
