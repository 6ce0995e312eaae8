"""/servers/{id}/migrations: a server's live migrations in progress (list
and show from 2.23), force complete (2.22) and abort (2.24; queued and
preparing ones too from 2.65). 404 below those versions, as nova."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import timefmt
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import query
from stratus.api.compute.actions import moves
from stratus.api.compute.schemas import moves as schemas
from stratus.common import exception
from stratus.compute import live_migrate_api
from stratus.db.api import live_migrations

_RULE = 'os_compute_api:servers:migrations:%s'


def _since(version):
    if wsgi.version() < version:
        raise exception.NotFound('The resource could not be found.')


def _manager_or_admin(ctxt, action):
    moves.require_manager_or_admin(ctxt, _RULE % action)


def _server(ctxt, server_id):
    from stratus.api.compute.servers import COMPUTE
    return COMPUTE, COMPUTE.get(ctxt, server_id, extras=False)


def _view(row, version, include_host=True):
    body = {
        'created_at': timefmt.iso_us(row['created_at']),
        'dest_compute': None, 'dest_host': None, 'dest_node': None,
        # Progress as the driver last reported it (null until then).
        'disk_processed_bytes': row.get('disk_processed'),
        'disk_remaining_bytes': row.get('disk_remaining'),
        'disk_total_bytes': row.get('disk_total'),
        'id': row['id'],
        'memory_processed_bytes': row.get('memory_processed'),
        'memory_remaining_bytes': row.get('memory_remaining'),
        'memory_total_bytes': row.get('memory_total'),
        'server_uuid': row['instance_uuid'],
        'source_compute': None, 'source_node': None,
        'status': row['status'],
        'updated_at': timefmt.iso_us(row['updated_at']),
    }
    if include_host:
        body.update(dest_compute=row['dest_compute'],
                    dest_node=row['dest_node'],
                    source_compute=row['source_compute'],
                    source_node=row['source_node'])
    if version >= (2, 59):
        body['uuid'] = row['uuid']
    if version >= (2, 80):
        body['user_id'] = row['user_id']
        body['project_id'] = row['project_id']
    return body


class ServerMigrationsController(rest.RestController):
    _custom_actions = {'action': ['POST']}

    @pecan.expose()
    def get_all(self, server_id, **kwargs):
        _since((2, 23))
        query.strict_from_2102()
        ctxt = wsgi.context()
        _server(ctxt, server_id)
        _manager_or_admin(ctxt, 'index')
        version = wsgi.version()
        return wsgi.response({'migrations': [
            _view(row, version, include_host=ctxt.is_admin)
            for row in live_migrations.in_progress(server_id)]})

    @pecan.expose()
    def get_one(self, server_id, migration_id, **kwargs):
        _since((2, 23))
        query.strict_from_2102()
        ctxt = wsgi.context()
        _server(ctxt, server_id)
        policy.require_admin(ctxt, _RULE % 'show')
        try:
            row = live_migrations.get_for_instance(migration_id, server_id)
        except exception.MigrationNotFoundForInstance:
            raise exception.NotFound(
                'In-progress live migration %s is not found for server %s.'
                % (migration_id, server_id))
        if row['migration_type'] != 'live-migration':
            raise exception.NotFound(
                'Migration %s for server %s is not live-migration.'
                % (migration_id, server_id))
        if row['status'] not in live_migrations.IN_PROGRESS:
            raise exception.NotFound(
                'Live migration %s for server %s is not in progress.'
                % (migration_id, server_id))
        return wsgi.response({'migration': _view(row, wsgi.version())})

    @pecan.expose()
    def action(self, server_id, migration_id):
        _since((2, 22))
        body = validation.load_json(pecan.request)
        if not isinstance(body, dict) or 'force_complete' not in body:
            raise exception.Invalid('There is no such action: %s' % (
                ', '.join(body) if isinstance(body, dict) else body))
        validation.check(schemas.FORCE_COMPLETE, body)
        ctxt = wsgi.context()
        compute, _ = _server(ctxt, server_id)
        _manager_or_admin(ctxt, 'force_complete')
        live_migrate_api.force_complete(compute, ctxt, server_id,
                                        migration_id)
        return wsgi.response(status=202)

    @pecan.expose()
    def delete(self, server_id, migration_id):
        _since((2, 24))
        ctxt = wsgi.context()
        compute, _ = _server(ctxt, server_id)
        _manager_or_admin(ctxt, 'delete')
        live_migrate_api.abort(compute, ctxt, server_id, migration_id,
                               queued_too=wsgi.version() >= (2, 65))
        return wsgi.response(status=202)
