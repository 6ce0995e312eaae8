"""/volume/v3/default-types (3.62): an admin sets, shows, lists and
unsets the volume type a project's volumes get when a create names none
(the volume create flow consults it: db.api.default_types)."""
import pecan
from oslo_utils import uuidutils
from pecan import rest

from stratus.api import wsgi
from stratus.api.volume import request_validation
from stratus.common import exception
from stratus.db.api import default_types
from stratus.db.api import identity
from stratus.db.api import volume_types

_SET = {'type': 'object', 'properties': {'default_type': {
    'type': 'object',
    'properties': {'volume_type': {'type': 'string', 'minLength': 1,
                                   'maxLength': 255, 'format': 'name'}},
    'required': ['volume_type'], 'additionalProperties': False}}}


def _not_authorized():
    return exception.Forbidden('You are not authorized to perform this '
                               'operation.')


def _check(project_id, ignore_missing=False):
    """cinder's validate_project_and_authorize: the project must exist
    (404) and the caller be an admin (403)."""
    ctxt = wsgi.context()
    if wsgi.version() < (3, 62):
        raise exception.NotFound('The resource could not be found.')
    try:
        identity.project_get(project_id)
    except exception.NotFound:
        if not ignore_missing:
            raise exception.NotFound('Project with id %s not found.'
                                     % project_id)
    if not ctxt.is_admin:
        raise _not_authorized()


def _view(row):
    return {'project_id': row['project_id'],
            'volume_type_id': row['volume_type_id']}


def _type_id(name_or_id):
    try:
        if uuidutils.is_uuid_like(name_or_id):
            return volume_types.type_get(name_or_id)['id']
        return volume_types.type_get_by_name_or_id(name_or_id)['id']
    except exception.VolumeTypeNotFound as exc:
        # cinder answers an unknown type here with a 400.
        raise exception.Invalid(exc.message)


class DefaultTypesController(rest.RestController):

    @pecan.expose()
    def get_all(self):
        ctxt = wsgi.context()
        if wsgi.version() < (3, 62):
            raise exception.NotFound('The resource could not be found.')
        if not ctxt.is_admin:
            raise _not_authorized()
        return wsgi.response({'default_types': [
            _view(r) for r in default_types.list_defaults()]})

    @pecan.expose()
    def get_one(self, project_id):
        _check(project_id)
        row = default_types.get_default(project_id)
        if row is None:
            raise exception.VolumeTypeProjectDefaultNotFound(
                project_id=project_id)
        return wsgi.response({'default_type': _view(row)})

    @pecan.expose()
    def put(self, project_id):
        if wsgi.version() < (3, 62):
            raise exception.NotFound('The resource could not be found.')
        body = request_validation.body(_SET)
        _check(project_id)
        type_id = _type_id(body['default_type']['volume_type'])
        return wsgi.response({'default_type': _view(
            default_types.set_default(project_id, type_id))})

    @pecan.expose()
    def delete(self, project_id):
        # A deleted project's default is unset all the same.
        _check(project_id, ignore_missing=True)
        default_types.unset_default(project_id)
        return wsgi.response(status=204)
