"""/snapshots/{id}/metadata and /snapshots/{id}/metadata/{key}."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import request_validation
from stratus.api.volume.schemas import snapshots as schemas
from stratus.common import exception
from stratus.db.api import snapshots as db_snapshots


def _snapshot(snapshot_id, write=False):
    from stratus.api.volume.snapshots import SNAPSHOTS
    ctxt = wsgi.context()
    if write:
        policy.require_member(ctxt, 'volume:update_snapshot_metadata')
    else:
        policy.require_reader(ctxt, 'volume:get_snapshot_metadata')
    return SNAPSHOTS.get(ctxt, snapshot_id)


class SnapshotMetadataController(rest.RestController):

    @pecan.expose()
    def get_all(self, snapshot_id):
        return wsgi.response({'metadata': _snapshot(snapshot_id)[
            'metadata']})

    @pecan.expose()
    def get_one(self, snapshot_id, key):
        metadata = _snapshot(snapshot_id)['metadata']
        if key not in metadata:
            raise exception.SnapshotMetadataNotFound(snapshot_id=snapshot_id,
                                                     metadata_key=key)
        return wsgi.response({'meta': {key: metadata[key]}})

    @pecan.expose()
    def post(self, snapshot_id):
        snapshot = _snapshot(snapshot_id, write=True)
        body = request_validation.body(schemas.metadata)['metadata']
        return wsgi.response({'metadata': db_snapshots.metadata_update(
            snapshot['id'], body)})

    @pecan.expose()
    def put(self, snapshot_id, key=None):
        snapshot = _snapshot(snapshot_id, write=True)
        if key is None:
            body = request_validation.body(schemas.metadata)['metadata']
            return wsgi.response({'metadata': db_snapshots.metadata_update(
                snapshot['id'], body, delete=True)})
        meta = request_validation.body(schemas.metadata_item)['meta']
        if key not in meta:
            raise exception.Invalid('Request body and URI mismatch')
        db_snapshots.metadata_update(snapshot['id'], meta)
        return wsgi.response({'meta': meta})

    @pecan.expose()
    def delete(self, snapshot_id, key):
        snapshot = _snapshot(snapshot_id, write=True)
        db_snapshots.metadata_delete(snapshot['id'], key)
        return common.empty_200()
