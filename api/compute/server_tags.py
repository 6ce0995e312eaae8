"""/servers/{id}/tags (2.26): list, replace, check, add, delete."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute.schemas import servers as schemas
from stratus.common import exception
from stratus.db.api import instances


def _instance(server_id, write=False):
    from stratus.api.compute.servers import COMPUTE
    ctxt = wsgi.context()
    if wsgi.version() < (2, 26):
        raise exception.NotFound('The resource could not be found.')
    if write:
        policy.require_member(ctxt, 'os_compute_api:os-server-tags:update')
    else:
        policy.require_reader(ctxt, 'os_compute_api:os-server-tags:index')
    return COMPUTE.get(ctxt, server_id)


def _check_tag(tag):
    validation.check(schemas._tag, tag)


class ServerTagsController(rest.RestController):

    @pecan.expose()
    def get_all(self, server_id):
        return wsgi.response({'tags': _instance(server_id)['tags']})

    @pecan.expose()
    def get_one(self, server_id, tag):
        if tag not in _instance(server_id)['tags']:
            raise exception.TagNotFound(tag=tag, instance_id=server_id)
        return wsgi.response(status=204)

    @pecan.expose()
    def put(self, server_id, tag=None):
        _instance(server_id, write=True)
        if tag is None:
            tags = validation.body(schemas.tags_replace)['tags']
            return wsgi.response({'tags': instances.tags_set(server_id,
                                                             tags)})
        _check_tag(tag)
        added = instances.tag_add(server_id, tag)
        location = '%s/compute/v2.1/servers/%s/tags/%s' % (
            wsgi.host_url(), server_id, tag)
        return wsgi.response(status=201 if added else 204,
                             headers={'Location': location})

    @pecan.expose()
    def delete(self, server_id, tag=None):
        _instance(server_id, write=True)
        if tag is None:
            instances.tags_set(server_id, [])
        else:
            instances.tag_delete(server_id, tag)
        return wsgi.response(status=204)
