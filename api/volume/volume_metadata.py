"""/volumes/{id}/metadata and /volumes/{id}/metadata/{key}."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume.schemas import volumes as schemas
from stratus.common import exception


def _volume(volume_id, write=False):
    from stratus.api.volume.volumes import VOLUMES
    ctxt = wsgi.context()
    if write:
        policy.require_member(ctxt, 'volume:update_volume_metadata')
    else:
        policy.require_reader(ctxt, 'volume:get_volume_metadata')
    return ctxt, VOLUMES.get(ctxt, volume_id)


class VolumeMetadataController(rest.RestController):

    @pecan.expose()
    def get_all(self, volume_id):
        return wsgi.response({'metadata': _volume(volume_id)[1]['metadata']})

    @pecan.expose()
    def get_one(self, volume_id, key):
        metadata = _volume(volume_id)[1]['metadata']
        if key not in metadata:
            raise exception.VolumeMetadataNotFound(volume_id=volume_id,
                                                   metadata_key=key)
        return wsgi.response({'meta': {key: metadata[key]}})

    @pecan.expose()
    def post(self, volume_id):
        from stratus.api.volume.volumes import VOLUMES
        ctxt, volume = _volume(volume_id, write=True)
        body = validation.body(schemas.metadata)['metadata']
        return wsgi.response({'metadata': VOLUMES.update_metadata(
            ctxt, volume['id'], body)})

    @pecan.expose()
    def put(self, volume_id, key=None):
        from stratus.api.volume.volumes import VOLUMES
        ctxt, volume = _volume(volume_id, write=True)
        if key is None:
            body = validation.body(schemas.metadata)['metadata']
            return wsgi.response({'metadata': VOLUMES.update_metadata(
                ctxt, volume['id'], body, delete=True)})
        meta = validation.body(schemas.metadata_item)['meta']
        if key not in meta:
            raise exception.Invalid('Request body and URI mismatch')
        VOLUMES.update_metadata(ctxt, volume['id'], meta)
        return wsgi.response({'meta': meta})

    @pecan.expose()
    def delete(self, volume_id, key):
        from stratus.api.volume.volumes import VOLUMES
        ctxt, volume = _volume(volume_id, write=True)
        VOLUMES.delete_metadata(ctxt, volume['id'], key)
        return common.empty_200()
