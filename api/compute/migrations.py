"""os-migrations (stub: being written)."""
from pecan import rest


class MigrationsController(rest.RestController):
    pass
