"""os-hypervisors (stub: being written)."""
from pecan import rest


class HypervisorsController(rest.RestController):
    pass
