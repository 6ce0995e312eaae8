"""os-availability-zone (stub: being written)."""
from pecan import rest


class AvailabilityZonesController(rest.RestController):
    pass
