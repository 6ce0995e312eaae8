"""os-server-groups (stub: being written)."""
from pecan import rest


class ServerGroupsController(rest.RestController):
    pass
