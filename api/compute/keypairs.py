"""os-keypairs (stub: being written)."""
from pecan import rest


class KeypairsController(rest.RestController):
    pass
