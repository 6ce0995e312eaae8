"""/volume/v3/group_types (3.11) and their group_specs."""
from pecan import rest


class GroupTypesController(rest.RestController):
    """Not yet served: every request answers 404."""
