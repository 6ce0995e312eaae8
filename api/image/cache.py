"""/v2/cache...: glance's cache management API as glance answers it when
the image cache is not enabled (no image_cache_dir): admins get 404
"Caching via API is not supported at this site.", others 403; the calls
naming an image look the image up first."""
from stratus.api import wsgi
from stratus.api.image import routes
from stratus.common import exception
from stratus.db.api import images as db_images

NOT_ENABLED = 'Caching via API is not supported at this site.'


def _enforce(rule):
    # Every cache policy defaults to admin.
    if not wsgi.context().is_admin:
        raise exception.Forbidden('You are not authorized to complete %s '
                                  'action.' % rule)
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
        _enforce('cache_list')

    def clear(self):
        _enforce('cache_delete')

    def clean(self):
        _enforce('cache_clean')

    def prune(self):
        _enforce('cache_prune')

    def nodes(self, image_id):
        _enforce('list_cached_nodes')

    def delete_entry(self, image_id):
        _image_must_exist(image_id)
        _enforce('cache_delete')

    def queue(self, image_id):
        _image_must_exist(image_id)
        _enforce('cache_image')
