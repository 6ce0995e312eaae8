"""AvailabilityZoneFilter: the host is in the zone the request names."""
from stratus.scheduler.filters import base


class AvailabilityZoneFilter(base.HostFilter):
    """Passes every host when the request names no zone. A host's zone is
    its aggregates' (the default zone outside them); a volume backend's
    its service record's."""
    run_once_per_request = True

    def host_passes(self, host, spec):
        zone = spec.get('availability_zone')
        # A compute host's zones come from its aggregates (host_manager).
        zones = getattr(host, 'availability_zones', None) or \
            {host.availability_zone}
        if not zone or zone in zones:
            return True
        return self.reject('in availability zone %s, %s requested',
                           host.availability_zone, zone)
