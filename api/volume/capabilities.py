"""/volume/v3/capabilities/{host}: what a backend reports."""
from pecan import rest


class CapabilitiesController(rest.RestController):
    """Not yet served: every request answers 404."""
