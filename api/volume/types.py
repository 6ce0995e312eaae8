"""/volume/v3/types: volume types (admins manage them, everyone lists the
ones they may use), their extra specs, and the access list of private
types (os-volume-type-access, add/removeProjectAccess)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import encryption
from stratus.api.volume import request_validation
from stratus.api.volume.schemas import types as schemas
from stratus.api.volume.views import types as views
from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db.api import default_types
from stratus.db.api import volume_types


def _visible(ctxt, type_id):
    if type_id == 'default':
        return default_types.effective_default(ctxt.project_id)
    return volume_types.type_get(
        type_id, project_id=None if ctxt.is_admin else ctxt.project_id)


def _strings(specs):
    return {key: (str(value).lower() if isinstance(value, bool)
                  else str(value)) for key, value in specs.items()}


class ExtraSpecsController(rest.RestController):

    @pecan.expose()
    def get_all(self, type_id):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'volume_extension:types_extra_specs:'
                                    'index')
        vtype = views.volume_type(_visible(ctxt, type_id), ctxt.is_admin)
        return wsgi.response({'extra_specs': vtype['extra_specs']})

    @pecan.expose()
    def get_one(self, type_id, key):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'volume_extension:types_extra_specs:'
                                    'show')
        specs = views.volume_type(_visible(ctxt, type_id),
                                  ctxt.is_admin)['extra_specs']
        if key not in specs:
            raise exception.VolumeTypeExtraSpecsNotFound(
                volume_type_id=type_id, extra_specs_key=key)
        return wsgi.response({key: specs[key]})

    @pecan.expose()
    def post(self, type_id):
        ctxt = wsgi.context()
        # cinder checks the body before the policy.
        specs = _strings(request_validation.body(
            schemas.extra_specs)['extra_specs'])
        policy.require_admin(ctxt, 'volume_extension:types_extra_specs:'
                                   'create')
        volume_types.extra_specs_update(type_id, specs)
        return wsgi.response({'extra_specs': specs})

    @pecan.expose()
    def put(self, type_id, key):
        ctxt = wsgi.context()
        body = _strings(request_validation.body(schemas.extra_spec_item))
        policy.require_admin(ctxt, 'volume_extension:types_extra_specs:'
                                   'update')
        if key not in body:
            raise exception.Invalid('Request body and URI mismatch')
        volume_types.extra_specs_update(type_id, body)
        return wsgi.response(body)

    @pecan.expose()
    def delete(self, type_id, key):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'volume_extension:types_extra_specs:'
                                   'delete')
        volume_types.extra_spec_delete(type_id, key)
        return wsgi.response(status=202)


class TypeAccessController(rest.RestController):

    @pecan.expose()
    def get_all(self, type_id):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'volume_extension:volume_type_access')
        vtype = volume_types.type_get(type_id)
        if vtype['is_public']:
            raise exception.NotFound('Access list not available for public '
                                     'volume types.')
        return wsgi.response({'volume_type_access':
                              volume_types.access_list(type_id)})


def _access_action(ctxt, type_id, body):
    if 'addProjectAccess' in body:
        project = request_validation.check(schemas.add_access, body)[
            'addProjectAccess']['project']
        policy.require_admin(ctxt, 'volume_extension:volume_type_access:'
                                   'addProjectAccess')
        if volume_types.type_get(type_id)['is_public']:
            raise exception.Invalid(reason='Invalid volume type: Type access '
                                    'modification is not applicable to '
                                    'public volume type.')
        volume_types.access_add(type_id, project)
    else:
        project = request_validation.check(schemas.remove_access, body)[
            'removeProjectAccess']['project']
        policy.require_admin(ctxt, 'volume_extension:volume_type_access:'
                                   'removeProjectAccess')
        volume_types.access_remove(type_id, project)


class TypesController(rest.RestController):
    _custom_actions = {'action': ['POST']}
    extra_specs = ExtraSpecsController()
    encryption = encryption.EncryptionController()

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'volume_extension:types_manage:index')
        raw = wsgi.query_value(kwargs, 'is_public')
        is_public = None if raw in (None, 'None', 'none') else \
            common.is_true(raw, 'is_public')
        specs = None
        if wsgi.version() >= (3, 52) and wsgi.query_value(kwargs,
                                                          'extra_specs'):
            specs = common.parse_dict(wsgi.query_value(kwargs,
                                                       'extra_specs'),
                                      'extra_specs')
        types = volume_types.type_list(
            project_id=None if ctxt.is_admin else ctxt.project_id,
            is_public=is_public,
            extra_specs=specs)
        return wsgi.response({'volume_types': [
            views.volume_type(t, ctxt.is_admin) for t in types]})

    @pecan.expose()
    def get_one(self, type_id):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'volume_extension:types_manage:show')
        return wsgi.response({'volume_type': views.volume_type(
            _visible(ctxt, type_id), ctxt.is_admin)})

    @pecan.expose()
    def post(self):
        ctxt = wsgi.context()
        body = request_validation.body(schemas.create)['volume_type']
        policy.require_admin(ctxt, 'volume_extension:types_manage:create')
        is_public = common.is_true(body.get(
            'os-volume-type-access:is_public', True), 'is_public')
        vtype = volume_types.type_create(
            {'name': body['name'].strip(),
             'description': body.get('description'),
             'is_public': is_public}, _strings(body.get('extra_specs') or {}))
        return wsgi.response({'volume_type': views.volume_type(
            vtype, ctxt.is_admin, qos=False)})

    @pecan.expose()
    def put(self, type_id):
        ctxt = wsgi.context()
        body = request_validation.body(schemas.update)['volume_type']
        policy.require_admin(ctxt, 'volume_extension:types_manage:update')
        values = {}
        if body.get('name') is not None:
            values['name'] = body['name'].strip()
            if not values['name']:
                raise exception.Invalid('Volume type name can not be empty.')
        if all(body.get(key) is None for key in ('name', 'description',
                                                 'is_public')):
            raise exception.Invalid('Specify volume type name, description, '
                                    'is_public or a combination thereof.')
        if 'description' in body:
            values['description'] = body['description']
        if 'is_public' in body:
            values['is_public'] = common.is_true(body['is_public'],
                                                 'is_public')
        vtype = volume_types.type_update(type_id, values)
        return wsgi.response({'volume_type': views.volume_type(
            vtype, ctxt.is_admin, access=False, qos=False)})

    @pecan.expose()
    def delete(self, type_id):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'volume_extension:types_manage:delete')
        vtype = volume_types.type_get(type_id)
        if default_types.in_use(vtype['id']):
            raise exception.Invalid(
                'The volume type %s is a default volume type and cannot be '
                'deleted.' % vtype['id'])
        if vtype['name'] == CONF.default_volume_type:
            raise exception.Invalid(reason='Default volume type can not be '
                                    'deleted.')
        volume_types.type_delete(type_id)
        return wsgi.response(status=202)

    @pecan.expose()
    def action(self, type_id):
        ctxt = wsgi.context()
        body = validation.load_json(pecan.request)
        if not isinstance(body, dict) or len(body) != 1 or next(iter(
                body)) not in ('addProjectAccess', 'removeProjectAccess'):
            raise exception.Invalid(reason='There is no such action: %s' % (
                ', '.join(body) if isinstance(body, dict) else body))
        _access_action(ctxt, type_id, body)
        return wsgi.response(status=202)


pecan.route(TypesController, 'os-volume-type-access', TypeAccessController())
