"""/volumes/{id}/encryption and /volumes/{id}/encryption/{key}: what a
compute needs to open an encrypted volume (cinder's
os-volume-encryption-metadata): the key id and, for a volume of an
encrypted type, the type's provider, cipher, key size and control
location."""
import json

import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.common import exception
from stratus.db.api import volume_encryption

_SPEC_KEYS = ('control_location', 'cipher', 'key_size', 'provider')


def _metadata(volume_id):
    from stratus.api.volume.volumes import VOLUMES
    ctxt = wsgi.context()
    volume = VOLUMES.get(ctxt, volume_id)
    policy.require_reader(ctxt, 'volume_extension:volume_encryption_metadata')
    values = {'encryption_key_id': volume['encryption_key_id']}
    spec = volume_encryption.get(volume['volume_type_id']) \
        if volume['volume_type_id'] else None
    if spec:
        values.update({key: spec[key] for key in _SPEC_KEYS})
    return values


class VolumeEncryptionMetadataController(rest.RestController):

    @pecan.expose()
    def get_all(self, volume_id):
        return wsgi.response(_metadata(volume_id))

    @pecan.expose()
    def get_one(self, volume_id, key):
        values = _metadata(volume_id)
        if key not in values:
            # cinder fails on an unknown key with a 500; a 404 says why.
            raise exception.NotFound('Encryption metadata %s of volume %s '
                                     'could not be found.' % (key, volume_id))
        resp = wsgi.response(None)
        resp.body = json.dumps(values[key]).encode()
        resp.content_type = 'application/json'
        return resp
