"""/volume/v3/types/{type_id}/encryption: the encryption spec of a volume
type (admin only). A spec may not change while volumes of the type exist;
create and update answer the request's own body, as cinder does."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import request_validation
from stratus.api.volume.schemas import encryption as schemas
from stratus.api.volume.views import encryption as views
from stratus.common import exception
from stratus.db.api import volume_encryption
from stratus.db.api import volume_types

_POLICY = 'volume_extension:volume_type_encryption:%s'


def _authorize(action):
    ctxt = wsgi.context()
    policy.require_admin(ctxt, _POLICY % action)
    return ctxt


def _in_use(type_id, verb):
    if volume_encryption.in_use(type_id):
        raise exception.Invalid(message='Cannot %s encryption specs. Volume '
                                'type in use.' % verb)


def _key_size(body):
    """An integer-like key_size (the schema's format) becomes an int."""
    if body.get('key_size') is not None:
        body['key_size'] = int(body['key_size'])


def _specs(type_id):
    row = volume_encryption.get(type_id)
    return views.spec(row) if row else {}


class EncryptionController(rest.RestController):

    @pecan.expose()
    def get_all(self, type_id):
        _authorize('get')
        volume_types.type_get(type_id)
        return wsgi.response(_specs(type_id))

    @pecan.expose()
    def get_one(self, type_id, key):
        _authorize('get')
        volume_types.type_get(type_id)
        specs = _specs(type_id)
        if key not in specs:
            raise exception.VolumeTypeEncryptionNotFound(type_id=type_id)
        return wsgi.response({key: specs[key]})

    @pecan.expose()
    def post(self, type_id):
        # cinder validates the body before its policy check.
        body = request_validation.body(schemas.create)
        _authorize('create')
        _key_size(body['encryption'])
        _in_use(type_id, 'create')
        volume_types.type_get(type_id)
        row = volume_encryption.create(type_id, body['encryption'])
        # cinder answers its request body, completed with the two ids.
        answer = dict(body['encryption'], volume_type_id=type_id,
                      encryption_id=row['encryption_id'])
        return wsgi.response({'encryption': answer})

    @pecan.expose()
    def put(self, type_id, encryption_id):
        body = request_validation.body(schemas.update)
        _authorize('update')
        _key_size(body['encryption'])
        volume_types.type_get(type_id)
        _in_use(type_id, 'update')
        volume_encryption.update(type_id, body['encryption'])
        return wsgi.response({'encryption': body['encryption']})

    @pecan.expose()
    def delete(self, type_id, encryption_id):
        _authorize('delete')
        _in_use(type_id, 'delete')
        volume_encryption.delete(type_id)
        return wsgi.response(status=202)
