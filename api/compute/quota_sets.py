"""os-quota-sets (stub: being written)."""
from pecan import rest


class QuotaSetsController(rest.RestController):
    pass
