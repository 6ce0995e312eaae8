"""/volume/v3/group_types (3.11) and their group_specs: admins manage
them, everyone lists the public ones; /group_types/default is the
configured default_group_type."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import request_validation
from stratus.api.volume.schemas import groups as schemas
from stratus.api.volume.views import groups as views
from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db.api import group_types as db_group_types


def check_version(minimum=(3, 11)):
    """Older microversions do not know the route: cinder's plain 404."""
    if wsgi.version() < minimum:
        raise exception.NotFound('The resource could not be found.')


def _visible(ctxt, type_id):
    return db_group_types.get(type_id, public_only=not ctxt.is_admin)


class GroupSpecsController(rest.RestController):

    @pecan.expose()
    def get_all(self, type_id):
        check_version()
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'group:group_types_specs:get_all')
        return wsgi.response({'group_specs': _visible(ctxt, type_id)[
            'group_specs']})

    @pecan.expose()
    def get_one(self, type_id, key):
        check_version()
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'group:group_types_specs:get')
        specs = _visible(ctxt, type_id)['group_specs']
        if key not in specs:
            raise exception.NotFound(
                'Group Type %s has no extra spec with key %s.' % (type_id,
                                                                  key))
        return wsgi.response({key: specs[key]})

    @pecan.expose()
    def post(self, type_id):
        check_version()
        body = request_validation.body(schemas.group_specs_create)
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'group:group_types_specs:create')
        _visible(ctxt, type_id)
        db_group_types.specs_update(type_id, body['group_specs'])
        return wsgi.response(body, status=202)

    @pecan.expose()
    def put(self, type_id, key):
        check_version()
        body = request_validation.body(schemas.group_specs_update)
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'group:group_types_specs:update')
        _visible(ctxt, type_id)
        if key not in body:
            raise exception.Invalid('Request body and URI mismatch')
        db_group_types.specs_update(type_id, body)
        return wsgi.response(body)

    @pecan.expose()
    def delete(self, type_id, key):
        check_version()
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'group:group_types_specs:delete')
        _visible(ctxt, type_id)
        db_group_types.spec_delete(type_id, key)
        return wsgi.response(status=202)


def _is_public_filter(ctxt, kwargs):
    if not ctxt.is_admin:
        return True
    raw = wsgi.query_value(kwargs, 'is_public')
    if raw is None:
        return True
    if raw.lower() == 'none':
        return None
    try:
        return common.is_true(raw)
    except exception.Invalid:
        raise exception.Invalid('Invalid is_public filter [%s]'
                                % raw)


class GroupTypesController(rest.RestController):
    group_specs = GroupSpecsController()

    @pecan.expose()
    def get_all(self, **kwargs):
        check_version()
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'group:group_types:index')
        limit, marker, offset, sort = common.paging(kwargs)
        common.check_sort(sort, db_group_types.SORT_KEYS)
        rows = db_group_types.list_types(
            is_public=_is_public_filter(ctxt, kwargs), limit=limit,
            marker=marker, offset=offset, sort=sort)
        body = {'group_types': [views.group_type(t, ctxt.is_admin)
                                for t in rows]}
        links = common.next_links(rows, limit, 'group_types', kwargs)
        if links:
            body['group_type_links'] = links
        return wsgi.response(body)

    @pecan.expose()
    def get_one(self, type_id):
        check_version()
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'group:group_types:show')
        if type_id == 'default':
            gtype = None
            if CONF.default_group_type:
                try:
                    gtype = db_group_types.get_by_name(
                        CONF.default_group_type)
                except exception.GroupTypeNotFound:
                    pass
            if gtype is None:
                raise exception.NotFound('Default group type can not be '
                                         'found.')
        else:
            gtype = _visible(ctxt, type_id)
        return wsgi.response({'group_type': views.group_type(
            gtype, ctxt.is_admin)})

    @pecan.expose()
    def post(self):
        check_version()
        body = request_validation.body(schemas.group_type_create)['group_type']
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'group:group_types:create')
        gtype = db_group_types.create(
            {'name': body['name'], 'description': body.get('description'),
             'is_public': common.is_true(body.get('is_public', True),
                                         'is_public')},
            body.get('group_specs') or {})
        return wsgi.response({'group_type': views.group_type(
            gtype, ctxt.is_admin)}, status=202)

    @pecan.expose()
    def put(self, type_id):
        check_version()
        body = request_validation.body(schemas.group_type_update)['group_type']
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'group:group_types:update')
        name = body.get('name')
        if name and not name.strip():
            raise exception.Invalid('Group type name can not be '
                                    'empty.')
        description = body.get('description')
        is_public = body.get('is_public')
        if name is None and description is None and is_public is None:
            raise exception.Invalid('Specify group type name, '
                                    'description or a combination thereof.')
        values = {}
        if name:
            values['name'] = name
        if description is not None:
            values['description'] = description
        if is_public is not None:
            values['is_public'] = common.is_true(is_public, 'is_public')
        gtype = db_group_types.update(type_id, values)
        return wsgi.response({'group_type': views.group_type(
            gtype, ctxt.is_admin)})

    @pecan.expose()
    def delete(self, type_id):
        check_version()
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'group:group_types:delete')
        try:
            db_group_types.delete(type_id)
        except exception.GroupTypeInUse:
            raise exception.Invalid('Target group type is still in '
                                    'use.')
        return wsgi.response(status=202)
