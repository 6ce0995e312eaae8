"""/servers/{id}/metadata and /servers/{id}/metadata/{key}."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute.schemas import servers as schemas
from stratus.api.compute import query
from stratus.common import exception
from stratus.db.api import instances


def _instance(server_id, write=False):
    from stratus.api.compute.servers import COMPUTE
    ctxt = wsgi.context()
    if write:
        policy.require_member(ctxt, 'os_compute_api:server-metadata:update')
    else:
        policy.require_reader(ctxt, 'os_compute_api:server-metadata:index')
    return COMPUTE.get(ctxt, server_id)


class ServerMetadataController(rest.RestController):

    @pecan.expose()
    def get_all(self, server_id):
        query.strict_from_2102()
        return wsgi.response({'metadata': _instance(server_id)['metadata']})

    @pecan.expose()
    def get_one(self, server_id, key):
        query.strict_from_2102()
        metadata = _instance(server_id)['metadata']
        if key not in metadata:
            raise exception.MetadataItemNotFound(key=key)
        return wsgi.response({'meta': {key: metadata[key]}})

    @pecan.expose()
    def post(self, server_id):
        _instance(server_id, write=True)
        body = validation.body(schemas.metadata_all)['metadata']
        return wsgi.response({'metadata': instances.metadata_update(
            server_id, body)})

    @pecan.expose()
    def put(self, server_id, key=None):
        _instance(server_id, write=True)
        if key is None:
            body = validation.body(schemas.metadata_all)['metadata']
            instances.metadata_update(server_id, body, replace=True)
            return wsgi.response({'metadata': body})
        meta = validation.body(schemas.metadata_item)['meta']
        if key not in meta:
            raise exception.Invalid('Request body and URI mismatch')
        instances.metadata_update(server_id, meta)
        return wsgi.response({'meta': meta})

    @pecan.expose()
    def delete(self, server_id, key):
        _instance(server_id, write=True)
        instances.metadata_delete(server_id, key)
        return wsgi.response(status=204)
