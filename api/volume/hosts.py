"""/volume/v3/os-hosts: the volume hosts and their usage."""
from pecan import rest


class HostsController(rest.RestController):
    """Not yet served: every request answers 404."""
