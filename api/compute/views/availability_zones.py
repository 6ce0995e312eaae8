"""os-availability-zone response bodies (2.1), built from service rows."""
from stratus.api import service_binaries
from stratus.api import timefmt
from stratus.common.conf import CONF


def zone_of(row):
    """The service's zone; control services sit in the internal zone."""
    if row.get('availability_zone'):
        return row['availability_zone']
    if row['binary'] == 'stratus-compute':
        return CONF.default_availability_zone
    return CONF.internal_service_availability_zone


def split_zones(rows):
    """(zones with an enabled service, zones whose services are all
    disabled), each in the order the services were registered."""
    available, unavailable = [], []
    for row in rows:
        if not row['disabled'] and zone_of(row) not in available:
            available.append(zone_of(row))
    for row in rows:
        zone = zone_of(row)
        if row['disabled'] and zone not in available + unavailable:
            unavailable.append(zone)
    return available, unavailable


def _service_state(row):
    return {'available': row['is_up'], 'active': not row['disabled'],
            'updated_at': timefmt.iso_us(row['updated_at'])}


def zone_hosts(rows, zone):
    """{host: {binary: state}} of the enabled services in `zone`."""
    hosts = {}
    for row in rows:
        if zone_of(row) == zone and not row['disabled']:
            binary = service_binaries.to_api(service_binaries.COMPUTE,
                                             row['binary'])
            hosts.setdefault(row['host'], {})[binary] = _service_state(row)
    return hosts


def zone(name, available, hosts=None):
    return {'zoneName': name, 'zoneState': {'available': available},
            'hosts': hosts}
