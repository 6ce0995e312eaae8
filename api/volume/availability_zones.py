"""/volume/v3/os-availability-zone: the zones of the volume services; a
zone is available while one of its services is up and enabled."""
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
            up = service['is_up'] and not service['disabled']
            zones[zone] = zones.get(zone, False) or up
        return wsgi.response({'availabilityZoneInfo': [
            {'zoneName': zone, 'zoneState': {'available': up}}
            for zone, up in sorted(zones.items())]})
