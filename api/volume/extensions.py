"""/volume/v3/extensions: the API extensions cinder lists."""
from pecan import rest


class ExtensionsController(rest.RestController):
    """Not yet served: every request answers 404."""
