"""/v2/cache...: glance's cache management API as glance answers it when
the image cache is not enabled (no image_cache_dir): admins get 404
"Caching via API is not supported at this site.", others 403; the calls
naming an image look the image up first."""
from stratus.api import wsgi
from stratus.api.image import routes
from stratus.common import exception
from stratus.db.api import images as db_images

NOT_ENABLED = 'Caching via API is not supported at this site.'


def _enforce():
    # Every cache policy defaults to admin; glance's bare 403 text.
    if not wsgi.context().is_admin:
        raise exception.Forbidden('Access was denied to this resource.')
    raise exception.NotFound(NOT_ENABLED)


def _image_must_exist(image_id):
    try:
        db_images.get(image_id)
    except exception.ImageNotFound:
        raise exception.NotFound('Image %s not found.' % image_id)


class CacheController(routes.Dispatcher):
    ROUTES = (
        ((), {'GET': 'state', 'DELETE': 'clear'}),
        (('clean',), {'POST': 'clean'}),
        (('prune',), {'POST': 'prune'}),
        (('nodes', '*'), {'GET': 'nodes'}),
        (('*',), {'DELETE': 'delete_entry', 'PUT': 'queue'}),
    )

    def state(self):
        _enforce()

    clear = clean = prune = state

    def nodes(self, image_id):
        _enforce()

    def delete_entry(self, image_id):
        _image_must_exist(image_id)
        _enforce()

    queue = delete_entry
