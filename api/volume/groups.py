"""/volume/v3/groups (3.13): generic volume groups: list, detail, show
(3.25 ?list_volume=True), create, update (name, description, add and
remove volumes), and POST /groups/{id}/action: delete (3.13),
reset_status (3.20), the replication actions (3.38); POST
/groups/action: create-from-src (3.14)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import request_validation
from stratus.api.volume.group_types import check_version
from stratus.api.volume.schemas import groups as schemas
from stratus.api.volume.views import groups as views
from stratus.common import exception
from stratus.db.api import group_types as db_group_types
from stratus.db.api import groups as db_groups
from stratus.volume import group_api
from stratus.volume.group_api import check_not_cgsnapshot_type

GROUPS = group_api.GroupAPI()
_PAGING_KEYS = ('limit', 'marker', 'offset', 'sort', 'sort_key',
                'sort_dir', 'list_volume')


def list_filters(ctxt, kwargs, allowed, version):
    """The query's filters, refused as cinder refuses them from 3.31 for
    users (admins may filter on anything)."""
    filters = {key: wsgi.query_value(kwargs, key) for key in kwargs
               if key not in _PAGING_KEYS}
    all_tenants = False
    if ctxt.is_admin and 'all_tenants' in filters:
        # Its presence is what counts, whatever its value (cinder's rule).
        filters.pop('all_tenants')
        all_tenants = True
    if version >= (3, 31) and not ctxt.is_admin:
        filters.pop('all_tenants', None)
        invalid = [key for key in filters if key not in allowed]
        if invalid:
            raise exception.Invalid('Invalid filters %s are found in query '
                                    'options.' % ','.join(invalid))
    return filters, all_tenants


def _list(kwargs, detailed):
    check_version((3, 13))
    ctxt = wsgi.context()
    policy.require_reader(ctxt, 'group:get_all')
    version = wsgi.version()
    limit, marker, offset, sort = common.paging(kwargs)
    common.check_sort(sort, db_groups.SORT_KEYS)
    filters, all_tenants = list_filters(ctxt, kwargs, ('name',), version)
    rows = db_groups.list_groups(
        project_id=None if all_tenants else ctxt.project_id,
        filters=filters, limit=limit, marker=marker, offset=offset,
        sort=sort)
    migrated = db_group_types.cgsnapshot_type_id()
    rows = [g for g in rows if g['group_type_id'] != migrated]
    if detailed:
        with_volumes = version >= (3, 25) and common.query_bool(
            kwargs, 'list_volume')
        items = [views.group_detail(
            g, version, ctxt.is_admin,
            [v['id'] for v in db_groups.volumes(g['id'])]
            if with_volumes else None) for g in rows]
    else:
        items = [views.group_summary(g) for g in rows]
    body = {'groups': items}
    links = common.next_links(rows, limit, 'groups/detail' if detailed
                              else 'groups', kwargs)
    if links:
        body['group_links'] = links
    return wsgi.response(body)


def status_refused(value, format_name, field='status'):
    """cinder's words for a value its format check refuses."""
    return exception.ValidationError(
        field=field, reason='Value: %s. %r is not a %r' % (
            value, value, format_name))


def _strip(value):
    return value.strip() if value else value


def _reset_status(ctxt, group_id, body):
    check_version((3, 20))
    body = request_validation.check(schemas.reset_status, body)
    status = body['reset_status']['status']
    group = GROUPS.get(ctxt, group_id)
    policy.require_admin(ctxt, 'group:reset_status')
    GROUPS.reset_status(ctxt, group, status.lower())
    return wsgi.response(status=202)


def _delete(ctxt, group_id, body):
    body = request_validation.check(schemas.delete, body)
    delete_volumes = common.is_true(body['delete'].get('delete-volumes',
                                                       False))
    group = GROUPS.get(ctxt, group_id)
    check_not_cgsnapshot_type(group['group_type_id'])
    policy.require_member(ctxt, 'group:delete')
    GROUPS.delete(ctxt, group, delete_volumes)
    return wsgi.response(status=202)


def _replication(name, policy_name):
    def handler(ctxt, group_id, body):
        check_version((3, 38))
        schema = schemas.failover_replication \
            if name == 'failover_replication' else schemas.single(name)
        request_validation.check(schema, body)
        group = GROUPS.get(ctxt, group_id)
        policy.require_member(ctxt, policy_name)
        GROUPS.check_replication_type(group)
        if name == 'list_replication_targets':
            # No backend here has a replication_device configured.
            return wsgi.response({'replication_targets': []})
        allow_attached = common.is_true(body[name].get(
            'allow_attached_volume', False)) \
            if name == 'failover_replication' else False
        GROUPS.start_replication_change(ctxt, group, name.split('_')[0],
                                        allow_attached)
        return wsgi.response(status=202)
    return handler


_ACTIONS = {
    'delete': _delete,
    'reset_status': _reset_status,
    'enable_replication': _replication('enable_replication',
                                       'group:enable_replication'),
    'disable_replication': _replication('disable_replication',
                                        'group:disable_replication'),
    'failover_replication': _replication('failover_replication',
                                         'group:failover_replication'),
    'list_replication_targets': _replication(
        'list_replication_targets', 'group:list_replication_targets'),
}


def _action_name(body, allowed):
    if not isinstance(body, dict) or not body:
        raise exception.Invalid('Malformed request body')
    name = next(iter(body))
    if name not in allowed:
        raise exception.Invalid('There is no such action: %s. Verify the '
                                'request body and Content-Type header and '
                                'try again.' % name)
    return name


class GroupsController(rest.RestController):
    _custom_actions = {'detail': ['GET'], 'action': ['POST']}

    @pecan.expose()
    def get_all(self, **kwargs):
        return _list(kwargs, detailed=False)

    @pecan.expose()
    def detail(self, **kwargs):
        return _list(kwargs, detailed=True)

    @pecan.expose()
    def get_one(self, group_id, **kwargs):
        check_version((3, 13))
        ctxt = wsgi.context()
        version = wsgi.version()
        group = GROUPS.get(ctxt, group_id)
        check_not_cgsnapshot_type(group['group_type_id'])
        policy.require_reader(ctxt, 'group:get')
        volume_ids = None
        if version >= (3, 25) and common.query_bool(kwargs, 'list_volume'):
            volume_ids = [v['id'] for v in db_groups.volumes(group['id'])]
        return wsgi.response({'group': views.group_detail(
            group, version, ctxt.is_admin, volume_ids)})

    @pecan.expose()
    def post(self):
        check_version((3, 13))
        body = request_validation.body(schemas.create)['group']
        for key in ('group_type', 'availability_zone'):
            # cinder's format checks: blank values are refused.
            value = body.get(key)
            if value is not None and not value.strip():
                raise status_refused(value, key, field=key)
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'group:create')
        group = GROUPS.create(ctxt, _strip(body.get('name')),
                              _strip(body.get('description')),
                              body['group_type'], body['volume_types'],
                              body.get('availability_zone'))
        return wsgi.response({'group': views.group_summary(group)},
                             status=202)

    @pecan.expose()
    def put(self, group_id):
        check_version((3, 13))
        body = request_validation.body(schemas.update)['group']
        ctxt = wsgi.context()
        group = GROUPS.get(ctxt, group_id)
        check_not_cgsnapshot_type(group['group_type_id'])
        policy.require_member(ctxt, 'group:update')
        GROUPS.update(ctxt, group, _strip(body.get('name')),
                      _strip(body.get('description')),
                      body.get('add_volumes'), body.get('remove_volumes'))
        return wsgi.response(status=202)

    @pecan.expose()
    def action(self, group_id=None):
        ctxt = wsgi.context()
        body = validation.load_json(pecan.request)
        if group_id is None:
            check_version((3, 14))
            _action_name(body, ('create-from-src',))
            return self._create_from_src(ctxt, body)
        check_version((3, 13))
        name = _action_name(body, _ACTIONS)
        return _ACTIONS[name](ctxt, group_id, body)

    @staticmethod
    def _create_from_src(ctxt, body):
        body = request_validation.check(schemas.create_from_src,
                                body)['create-from-src']
        policy.require_member(ctxt, 'group:create')
        group = GROUPS.create_from_src(
            ctxt, _strip(body.get('name')), _strip(body.get('description')),
            group_snapshot_id=body.get('group_snapshot_id'),
            source_group_id=body.get('source_group_id'))
        return wsgi.response({'group': views.group_summary(group)},
                             status=202)
