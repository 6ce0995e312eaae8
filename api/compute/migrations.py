"""/compute/v2.1/os-migrations: every migration, admin only (2.1)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.compute.views import migrations as views
from stratus.db.api import migrations as db_migrations

FILTERS = ('host', 'status', 'instance_uuid', 'migration_type',
           'source_compute')


class MigrationsController(rest.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-migrations:index')
        filters = {key: wsgi.query_value(kwargs, key) for key in FILTERS}
        rows = db_migrations.migration_list(**filters)
        return wsgi.response({'migrations': [views.migration(r)
                                             for r in rows]})
