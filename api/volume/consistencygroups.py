"""/consistencygroups: cinder's deprecated consistency-group API, served
at every microversion on top of generic volume groups. A CG made here is
a group of the default cgsnapshot group type; the list, show, update and
delete calls take any group the caller may see, as cinder's do.

Routes: GET / and /detail, GET /{id}, POST / (volume_types as a comma
separated string), POST /create_from_src, POST /{id}/delete (also
DELETE /{id}, which cinder's mapper routes to the same method), PUT
/{id}/update (and PUT /{id})."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import request_validation
from stratus.api.volume.cgsnapshots import CgsnapshotsController  # noqa
from stratus.api.volume.cgsnapshots import read_body
from stratus.api.volume.groups import GROUPS
from stratus.api.volume.schemas import consistencygroups as schemas
from stratus.api.volume.views import consistencygroups as views
from stratus.common import exception
from stratus.db.api import group_types as db_group_types
from stratus.db.api import groups as db_groups

# What cinder takes out of the query before the rest become filters.
_PAGING_KEYS = ('limit', 'marker', 'offset', 'sort', 'sort_key', 'sort_dir')
# cinder's answer when a value reaches a lookup it cannot hash.
_MALFORMED = ('The server could not comply with the request since it is '
              'either malformed or otherwise incorrect.')


def _strip(body):
    """cinder's clean_name_and_description."""
    for key in ('name', 'description'):
        if isinstance(body.get(key), str):
            body[key] = body[key].strip()
    return body


def _list(kwargs, detailed):
    ctxt = wsgi.context()
    policy.require_reader(ctxt, 'group:get_all')
    limit, marker, offset, sort = common.paging(kwargs)
    common.check_sort(sort, db_groups.SORT_KEYS)
    # Every other query key filters; a key that is no column of a group
    # (list_volume, a user's all_tenants) matches nothing.
    filters = {key: wsgi.query_value(kwargs, key) for key in kwargs
               if key not in _PAGING_KEYS}
    all_tenants = ctxt.is_admin and filters.pop('all_tenants', None) \
        is not None
    rows = db_groups.list_groups(
        project_id=None if all_tenants else ctxt.project_id,
        filters=filters, limit=limit, marker=marker, offset=offset,
        sort=sort)
    items = [views.cg_detail(g) if detailed else views.cg_summary(g)
             for g in rows]
    return wsgi.response(views.cg_collection(
        items, common.next_links(rows, limit, 'consistencygroups')))


def _zone(value):
    """cinder compares the zone with its known zones as it came: an empty
    one is unknown too, a list or object cannot be compared."""
    if isinstance(value, (list, dict)):
        raise exception.Invalid(_MALFORMED)
    if value is not None and not value:
        raise exception.InvalidInput(
            reason="Availability zone '%s' is invalid." % value)
    return value


class ConsistencyGroupsController(rest.RestController):
    _custom_actions = {'detail': ['GET'], 'delete': ['POST'],
                       'create_from_src': ['POST']}

    @pecan.expose()
    def get_all(self, **kwargs):
        return _list(kwargs, detailed=False)

    @pecan.expose()
    def detail(self, **kwargs):
        return _list(kwargs, detailed=True)

    @pecan.expose()
    def get_one(self, group_id):
        ctxt = wsgi.context()
        group = GROUPS.get(ctxt, group_id)
        policy.require_reader(ctxt, 'group:get')
        return wsgi.response({'consistencygroup': views.cg_detail(group)})

    @pecan.expose()
    def post(self):
        body = request_validation.check(schemas.create, read_body())
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'group:create')
        cg = _strip(body['consistencygroup'])
        name = cg.get('name')
        volume_types = cg.get('volume_types')
        if not volume_types:
            raise exception.Invalid('volume_types must be provided to create '
                                    'consistency group %s.' % name)
        if not isinstance(volume_types, str):
            # cinder splits whatever came as a string and fails with a 500
            # on anything else; a 400 here (issue 15: never a 500).
            raise exception.Invalid(_MALFORMED)
        type_id = db_group_types.cgsnapshot_type_id()
        if not type_id:
            raise exception.Invalid(
                'Group type %s not found. Rerun migration script to create '
                'the default cgsnapshot type.'
                % db_group_types.CGSNAPSHOT_TYPE)
        group = GROUPS.create(ctxt, name, cg.get('description'), type_id,
                              volume_types.rstrip(',').split(','),
                              _zone(cg.get('availability_zone')), cg=True)
        return wsgi.response({'consistencygroup': views.cg_summary(group)},
                             status=202)

    @pecan.expose()
    def create_from_src(self):
        body = request_validation.check(schemas.create_from_src, read_body())
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'group:create')
        cg = _strip(body['consistencygroup-from-src'])
        name = cg.get('name')
        snapshot_id = cg.get('cgsnapshot_id')
        source_id = cg.get('source_cgid')
        if not snapshot_id and not source_id:
            raise exception.Invalid(
                "Either 'cgsnapshot_id' or 'source_cgid' must be provided to "
                "create consistency group %s from source." % name)
        if snapshot_id and source_id:
            raise exception.Invalid(
                "Cannot provide both 'cgsnapshot_id' and 'source_cgid' to "
                "create consistency group %s from source." % name)
        if source_id:
            GROUPS.get(ctxt, source_id)
        else:
            GROUPS.get_group_snapshot(ctxt, snapshot_id)
        try:
            group = GROUPS.create_from_src(
                ctxt, name, cg.get('description'),
                group_snapshot_id=snapshot_id or None,
                source_group_id=source_id or None, cg=True)
        except exception.NotFound:
            raise
        except exception.StratusException as exc:
            # cinder answers any of its own errors here (quota too) as 400.
            raise exception.Invalid(exc.message)
        return wsgi.response({'consistencygroup': views.cg_summary(group)},
                             status=202)

    @pecan.expose()
    def delete(self, group_id):
        """POST /consistencygroups/{id}/delete (and DELETE /{id})."""
        body = request_validation.check(schemas.delete, read_body())
        force = False
        if body:
            force = common.is_true(body['consistencygroup'].get('force',
                                                                False))
        ctxt = wsgi.context()
        group = GROUPS.get(ctxt, group_id)
        policy.require_member(ctxt, 'group:delete')
        GROUPS.delete(ctxt, group, force)
        return wsgi.response(status=202)

    @pecan.expose()
    def put(self, group_id, action=None):
        """PUT /consistencygroups/{id}/update (cinder's mapper also routes
        PUT /{id} to it)."""
        if action not in (None, 'update'):
            raise exception.NotFound('The resource could not be found.')
        body = request_validation.check(schemas.update, read_body())
        ctxt = wsgi.context()
        group = GROUPS.get(ctxt, group_id)
        policy.require_member(ctxt, 'group:update')
        cg = _strip(body['consistencygroup'])
        name, description = cg.get('name'), cg.get('description')
        add, remove = cg.get('add_volumes'), cg.get('remove_volumes')
        if not (name or description or add or remove):
            raise exception.Invalid('Name, description, add_volumes, and '
                                    'remove_volumes can not be all empty in '
                                    'the request body.')
        GROUPS.update(ctxt, group, name, description, add, remove)
        return wsgi.response(status=202)
