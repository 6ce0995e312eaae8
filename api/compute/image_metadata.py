"""/compute/v2.1/images/{id}/metadata[/{key}]: the image's properties,
through nova's proxy. Served 2.1 to 2.38 (nova keeps it three versions
longer than the rest of the images proxy), 404 from 2.39.

Writes replace the image's property set (nova's purge_props) and are
bounded by the metadata_items quota (403 "Image metadata limit
exceeded")."""
import pecan
from pecan import rest

from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute.schemas import servers as server_schemas
from stratus.api.image import access
from stratus.common import exception
from stratus.db import session
from stratus.db.api import images as db_images
from stratus.db.api import quotas

LAST_VERSION = (2, 38)
_metadata_body = {
    'type': 'object',
    'properties': {'metadata': server_schemas._metadata},
    'required': ['metadata'], 'additionalProperties': False,
}
_meta_body = {
    'type': 'object',
    'properties': {'meta': dict(server_schemas._metadata, minProperties=1,
                                maxProperties=1)},
    'required': ['meta'], 'additionalProperties': False,
}


def _image(image_id):
    from stratus.api.compute import images
    images.check_proxy_version(LAST_VERSION)
    return images.get_visible(wsgi.context(), image_id)


def check_quota(ctxt, properties):
    if not properties:
        return
    with session.reader() as s:
        allowed = quotas.limits(s, ctxt.project_id)['metadata_items']
    if 0 <= allowed < len(properties):
        raise exception.Forbidden('Image metadata limit exceeded')


def _save(image, properties):
    """Replace the image's properties with `properties` (owner only)."""
    ctxt = wsgi.context()
    check_quota(ctxt, properties)
    if not access.owns(ctxt, image):
        raise exception.Forbidden('Not authorized for image %s.' %
                                  image['id'])
    old = image['properties']
    db_images.update(image['id'], set_props=properties,
                     remove_props=[k for k in old if k not in properties])


class ImageMetadataController(rest.RestController):

    @pecan.expose()
    def get_all(self, image_id):
        return wsgi.response({'metadata': _image(image_id)['properties']})

    @pecan.expose()
    def get_one(self, image_id, key):
        properties = _image(image_id)['properties']
        if key not in properties:
            raise exception.NotFound('The resource could not be found.')
        return wsgi.response({'meta': {key: properties[key]}})

    @pecan.expose()
    def post(self, image_id):
        image = _image(image_id)
        body = validation.body(_metadata_body)
        properties = dict(image['properties'], **body['metadata'])
        _save(image, properties)
        return wsgi.response({'metadata': properties})

    @pecan.expose()
    def put(self, image_id, key=None):
        image = _image(image_id)
        if key is None:
            metadata = validation.body(_metadata_body)['metadata']
            _save(image, metadata)
            return wsgi.response({'metadata': metadata})
        meta = validation.body(_meta_body)['meta']
        if key not in meta:
            raise exception.Invalid('Request body and URI mismatch')
        _save(image, dict(image['properties'], **meta))
        return wsgi.response({'meta': meta})

    @pecan.expose()
    def delete(self, image_id, key=None):
        image = _image(image_id)
        if key is None or key not in image['properties']:
            raise exception.NotFound('Invalid metadata key')
        properties = dict(image['properties'])
        properties.pop(key)
        _save(image, properties)
        return wsgi.response(status=204)
