"""/volume/v3/backups: answered as cinder answers with no backup service
(see stratus.volume.backup_api): lists and shows work, a create is
accepted and the backup goes to error, whatever needs a backup host
refuses as cinder does."""
import base64
import binascii

import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import request_validation
from stratus.api.volume import resource_filters
from stratus.api.volume.schemas import backups as schemas
from stratus.api.volume.views import backups as views
from stratus.common import exception
from stratus.db.api import backups as db_backups
from stratus.volume import api as volume_api
from stratus.volume import backup_api
from stratus.volume import snapshot_api

BACKUPS = backup_api.BackupAPI(volume_api.VolumeAPI(),
                               snapshot_api.SnapshotAPI())
_PAGING = ('limit', 'marker', 'offset', 'sort', 'sort_key', 'sort_dir',
           'with_count')
# Filters non-admins keep before 3.31 (others are dropped silently).
_USER_FILTERS = ('name', 'status', 'volume_id')


def _filters(ctxt, kwargs, version):
    filters = {key: wsgi.query_value(kwargs, key) for key in kwargs
               if key not in _PAGING}
    if version >= (3, 31):
        resource_filters.reject_invalid(ctxt, filters, 'backup', version)
    elif not ctxt.is_admin:
        filters = {k: v for k, v in filters.items()
                   if k in _USER_FILTERS or k == 'all_tenants'}
    all_tenants = filters.pop('all_tenants', '0')
    if all_tenants not in (None, '') and not _boolstr(all_tenants):
        raise exception.Invalid("all_tenants must be a boolean, got '%s'."
                                % all_tenants)
    if 'name' in filters:
        filters['display_name'] = filters.pop('name')
    return common.is_true(all_tenants or '0'), filters


def _boolstr(value):
    return str(value).lower() in ('true', 'false', '1', '0', 'on', 'off',
                                  'yes', 'no', 't', 'f', 'y', 'n')


def _list(kwargs, detailed):
    ctxt = wsgi.context()
    version = wsgi.version()
    policy.require_reader(ctxt, 'backup:get_all')
    limit, marker, offset, sort = common.paging(kwargs)
    common.check_sort(sort, db_backups.SORT_KEYS)
    all_tenants, filters = _filters(ctxt, kwargs, version)
    rows = BACKUPS.list(ctxt, all_tenants, filters=filters, limit=limit,
                        marker=marker, offset=offset, sort=sort)
    count = None
    if version >= (3, 45) and wsgi.query_value(kwargs, 'with_count'):
        if common.query_bool(kwargs, 'with_count'):
            count = BACKUPS.count(ctxt, all_tenants, filters)
    items = [views.detail(r, version, ctxt.is_admin) if detailed
             else views.summary(r) for r in rows]
    return wsgi.response(views.collection(
        items, common.next_links(rows, limit, 'backups/detail' if detailed
                                 else 'backups', kwargs), count))


def _reset_status(ctxt, backup_id, body):
    # cinder checks the body first: its backup_status format words the
    # refusal of anything but available or error.
    request_validation.check(schemas.reset_status, body)
    policy.require_admin(ctxt, 'volume_extension:backup_admin_actions:'
                               'reset_status')
    BACKUPS.reset_status(ctxt, backup_id)


def _force_delete(ctxt, backup_id, body):
    policy.require_admin(ctxt, 'volume_extension:backup_admin_actions:'
                               'force_delete')
    BACKUPS.get(ctxt, backup_id)
    # cinder asks the backup's host whether it can force-delete; with no
    # backup service that call finds no server and fails (500).
    raise exception.BackupServiceUnreachable()


_ACTIONS = {'os-reset_status': _reset_status,
            'os-force_delete': _force_delete}


class BackupsController(rest.RestController):
    _custom_actions = {'detail': ['GET'], 'import_record': ['POST'],
                       'restore': ['POST'], 'export_record': ['GET'],
                       'action': ['POST']}

    @pecan.expose()
    def get_all(self, **kwargs):
        return _list(kwargs, detailed=False)

    @pecan.expose()
    def detail(self, **kwargs):
        return _list(kwargs, detailed=True)

    @pecan.expose()
    def get_one(self, backup_id):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'backup:get')
        return wsgi.response({'backup': views.detail(
            BACKUPS.get(ctxt, backup_id), wsgi.version(), ctxt.is_admin)})

    @pecan.expose()
    def post(self):
        ctxt = wsgi.context()
        version = wsgi.version()
        body = request_validation.body(schemas.create(version))['backup']
        policy.require_member(ctxt, 'backup:create')
        backup = BACKUPS.create(
            ctxt, body['volume_id'],
            name=_clean(body.get('name')),
            description=_clean(body.get('description')),
            container=body.get('container'),
            incremental=common.is_true(body.get('incremental', False),
                                       'incremental'),
            force=common.is_true(body.get('force', False), 'force'),
            snapshot_id=body.get('snapshot_id'),
            metadata=body.get('metadata') if version >= (3, 43) else None,
            availability_zone=body.get('availability_zone')
            if version >= (3, 51) else None)
        return wsgi.response({'backup': views.summary(backup)}, status=202)

    @pecan.expose()
    def put(self, backup_id):
        ctxt = wsgi.context()
        version = wsgi.version()
        if version < (3, 9):
            raise exception.NotFound('The resource could not be found.')
        body = request_validation.body(schemas.update(version))['backup'] or {}
        policy.require_member(ctxt, 'backup:update')
        values = {}
        if 'name' in body:
            values['display_name'] = _clean(body['name'])
        if 'description' in body:
            values['display_description'] = _clean(body['description'])
        metadata = body.get('metadata') if version >= (3, 43) else None
        backup = BACKUPS.update(ctxt, backup_id, values, metadata=metadata)
        return wsgi.response({'backup': views.summary(backup)})

    @pecan.expose()
    def delete(self, backup_id):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'backup:delete')
        BACKUPS.delete(ctxt, backup_id)
        return wsgi.response(status=202)

    @pecan.expose()
    def restore(self, backup_id):
        ctxt = wsgi.context()
        request_validation.body(schemas.restore)
        policy.require_member(ctxt, 'backup:restore')
        BACKUPS.restore(ctxt, backup_id)

    @pecan.expose()
    def export_record(self, backup_id):
        ctxt = wsgi.context()
        # cinder finds the backup first (404), then checks the policy.
        BACKUPS.get(ctxt, backup_id)
        policy.require_admin(ctxt, 'backup:export-import')
        BACKUPS.export_record(ctxt, backup_id)

    @pecan.expose()
    def import_record(self):
        ctxt = wsgi.context()
        record = request_validation.body(schemas.import_record)['backup-record']
        try:
            base64.b64decode(record['backup_url'], validate=True)
        except (binascii.Error, ValueError):
            raise exception.Invalid(
                "Invalid input for field/attribute backup_url. Value: %s. "
                "%r is not a 'base64'" % (record['backup_url'],
                                          record['backup_url']))
        policy.require_admin(ctxt, 'backup:backup-import')
        BACKUPS.import_record(ctxt, record['backup_service'])

    @pecan.expose()
    def action(self, backup_id):
        ctxt = wsgi.context()
        body = validation.load_json(pecan.request)
        name = next(iter(body), None) if isinstance(body, dict) else None
        if name not in _ACTIONS or len(body) != 1:
            raise exception.Invalid('There is no such action: %s' % name)
        _ACTIONS[name](ctxt, backup_id, body)
        return wsgi.response(status=202)


def _clean(value):
    """cinder strips surrounding whitespace of names and descriptions."""
    return value.strip() if isinstance(value, str) else value
