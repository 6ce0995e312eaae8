"""/volume/v3/backups: answered as cinder answers with no backup service."""
from pecan import rest


class BackupsController(rest.RestController):
    """Not yet served: every request answers 404."""
