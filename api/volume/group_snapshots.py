"""/volume/v3/group_snapshots (3.14): snapshots of a whole group."""
from pecan import rest


class GroupSnapshotsController(rest.RestController):
    """Not yet served: every request answers 404."""
