"""limits (stub: being written)."""
from pecan import rest


class LimitsController(rest.RestController):
    pass
