"""/volume/v3/volume-transfers (3.55) and /os-volume-transfer: giving a volume to another project."""
from pecan import rest


class TransfersController(rest.RestController):
    """Not yet served: every request answers 404."""
