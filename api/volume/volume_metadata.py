"""/volumes/{id}/metadata and /volumes/{id}/metadata/{key}; from 3.15
the list carries an Etag and the PUTs honour If-Match (412 otherwise)."""
import hashlib
import json

import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import request_validation
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


ETAGS = (3, 15)


def _etag(metadata):
    return hashlib.md5(json.dumps({'metadata': metadata}).encode(),
                       usedforsecurity=False).hexdigest()


def _etag_fails(metadata):
    """An If-Match naming none of the current Etag (3.15)."""
    if_match = pecan.request.if_match
    if wsgi.version() < ETAGS or not if_match:
        return False
    etags = getattr(if_match, 'etags', None)
    return etags is not None and _etag(metadata) not in etags


def _precondition_failed():
    """cinder's bare 412 (no fault body; the JSON type only keeps the
    fault layer from dressing it up as one)."""
    resp = wsgi.response(status=412)
    resp.content_type = 'application/json'
    return resp


class VolumeMetadataController(rest.RestController):

    @pecan.expose()
    def get_all(self, volume_id):
        metadata = _volume(volume_id)[1]['metadata']
        headers = {'Etag': _etag(metadata)} if wsgi.version() >= ETAGS \
            else None
        return wsgi.response({'metadata': metadata}, headers=headers)

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
        body = request_validation.body(schemas.metadata)['metadata']
        return wsgi.response({'metadata': VOLUMES.update_metadata(
            ctxt, volume['id'], body)})

    @pecan.expose()
    def put(self, volume_id, key=None):
        from stratus.api.volume.volumes import VOLUMES
        # cinder checks the body, then the Etag, then the volume.
        if key is None:
            body = request_validation.body(schemas.metadata)['metadata']
        else:
            meta = request_validation.body(schemas.metadata_item)['meta']
        ctxt, volume = _volume(volume_id, write=True)
        if _etag_fails(volume['metadata']):
            return _precondition_failed()
        if key is None:
            return wsgi.response({'metadata': VOLUMES.update_metadata(
                ctxt, volume['id'], body, delete=True)})
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
