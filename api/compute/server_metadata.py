"""/servers/{id}/metadata and /servers/{id}/metadata/{key}.

nova's order: the body first (400), then the server (404), the policy,
then lock, state and the metadata_items quota (409, 409, 403)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute.schemas import servers as schemas
from stratus.api.compute import query
from stratus.common import exception

_NOT_FOUND = 'Metadata item was not found'


def _compute():
    from stratus.api.compute.servers import COMPUTE
    return COMPUTE


def _instance(server_id, write=False):
    ctxt = wsgi.context()
    if write:
        policy.require_member(ctxt, 'os_compute_api:server-metadata:update')
    else:
        policy.require_reader(ctxt, 'os_compute_api:server-metadata:index')
    return ctxt, _compute().get(ctxt, server_id)


class ServerMetadataController(rest.RestController):

    @pecan.expose()
    def get_all(self, server_id):
        query.strict_from_2102()
        return wsgi.response({'metadata': _instance(server_id)[1][
            'metadata']})

    @pecan.expose()
    def get_one(self, server_id, key):
        query.strict_from_2102()
        metadata = _instance(server_id)[1]['metadata']
        if key not in metadata:
            raise exception.MetadataItemNotFound(_NOT_FOUND)
        return wsgi.response({'meta': {key: metadata[key]}})

    @pecan.expose()
    def post(self, server_id):
        body = validation.body(schemas.metadata_all)['metadata']
        ctxt, _ = _instance(server_id, write=True)
        return wsgi.response({'metadata': _compute().update_metadata(
            ctxt, server_id, body)})

    @pecan.expose()
    def put(self, server_id, key=None):
        if key is None:
            body = validation.body(schemas.metadata_all)['metadata']
            ctxt, _ = _instance(server_id, write=True)
            _compute().update_metadata(ctxt, server_id, body, replace=True)
            return wsgi.response({'metadata': body})
        meta = validation.body(schemas.metadata_item)['meta']
        ctxt, _ = _instance(server_id, write=True)
        if key not in meta:
            raise exception.Invalid('Request body and URI mismatch')
        _compute().update_metadata(ctxt, server_id, meta)
        return wsgi.response({'meta': meta})

    @pecan.expose()
    def delete(self, server_id, key):
        ctxt, _ = _instance(server_id, write=True)
        try:
            _compute().delete_metadata(ctxt, server_id, key)
        except exception.MetadataItemNotFound:
            raise exception.MetadataItemNotFound(_NOT_FOUND)
        return wsgi.response(status=204)
