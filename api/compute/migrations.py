"""/compute/v2.1/os-migrations: every migration, admin only. Paging and
changes-since from 2.59, changes-before from 2.66, user and project
filters from 2.80."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.compute import query
from stratus.api.compute.schemas import migrations as schemas
from stratus.api.compute.views import migrations as views
from stratus.db.api import migrations as db_migrations

FILTERS = ('host', 'status', 'instance_uuid', 'migration_type',
           'source_compute')


def _filters(kwargs, version):
    filters = {key: wsgi.query_value(kwargs, key) for key in FILTERS}
    if version >= (2, 59):
        # Before 2.59 changes-since and paging are ignored, as in nova.
        filters['changes_since'], filters['changes_before'] = \
            query.changes_window(kwargs, version >= (2, 66))
        filters['limit'], filters['marker'] = query.limit_marker(kwargs)
    if version >= (2, 80):
        filters['user_id'] = wsgi.query_value(kwargs, 'user_id')
        filters['project_id'] = wsgi.query_value(kwargs, 'project_id')
    return filters


class MigrationsController(rest.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-migrations:index')
        version = wsgi.version()
        query.check(kwargs, schemas.list_query(version))
        rows = db_migrations.migration_list(**_filters(kwargs, version))
        base = wsgi.host_url()
        body = {'migrations': [views.migration(r, version, base)
                               for r in rows]}
        if version >= (2, 59):
            links = query.next_links(kwargs, 'os-migrations', len(rows),
                                     rows[-1]['uuid'] if rows else None)
            if links:
                body['migrations_links'] = links
        return wsgi.response(body)
