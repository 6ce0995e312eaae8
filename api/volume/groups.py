"""/volume/v3/groups (3.13): generic volume groups."""
from pecan import rest


class GroupsController(rest.RestController):
    """Not yet served: every request answers 404."""
