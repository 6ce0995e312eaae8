"""/compute/v2.1/images: nova's proxy of the image service (list, detail,
show, delete; /images/{id}/metadata in image_metadata.py). Served 2.1 to
2.35; from 2.36 the proxy is gone and every route answers 404, as nova.

Backed by stratus's image database in-process, with glance's visibility
and ownership rules (api/image/access.py)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.compute import image_metadata
from stratus.api.compute.views import images as views
from stratus.api.image import access
from stratus.api.image import store
from stratus.common import exception
from stratus.common import log
from stratus.db.api import image_list
from stratus.db.api import images as db_images

LOG = log.getLogger(__name__)
MAX_PROXY_VERSION = (2, 35)
# Without a limit nova follows glance's pages to the end.
_ALL = 100000


def check_proxy_version(last=MAX_PROXY_VERSION):
    if wsgi.version() > last:
        raise exception.NotFound('The resource could not be found.')


def get_visible(ctxt, image_id):
    """The image or nova's 404 (unknown, deleted or not visible)."""
    try:
        return access.get_visible(ctxt, image_id)
    except exception.ImageNotFound:
        raise exception.NotFound('Image not found.')


def _limit(kwargs):
    value = wsgi.query_value(kwargs, 'limit')
    if value is None:
        return None
    try:
        limit = int(value)
    except ValueError:
        limit = -1
    if limit < 0:
        raise exception.Invalid('limit param must be an integer')
    return limit


def _when(value):
    import datetime
    try:
        when = datetime.datetime.fromisoformat(value.replace('Z', '+00:00'))
    except ValueError:
        raise exception.Invalid('Invalid changes-since value')
    if when.tzinfo is not None:
        when = when.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return when


def _filters(kwargs):
    """(column filters, property filters) from nova's query parameters."""
    columns, properties = [], []
    for key in kwargs:
        value = wsgi.query_value(kwargs, key)
        if key == 'name':
            columns.append(('name', 'eq', value))
        elif key == 'status':
            columns.append(('status', 'eq', value.lower()))
        elif key == 'changes-since':
            columns.append(('updated_at', 'gte', _when(value)))
        elif key in ('minRam', 'minDisk'):
            try:
                number = int(value)
            except ValueError:
                raise exception.Invalid('Invalid %s value' % key)
            columns.append(('min_ram' if key == 'minRam' else 'min_disk',
                            'gte', number))
        elif key == 'server':
            # A server reference may be its URL: the uuid is the tail.
            properties.append(('instance_uuid', 'eq',
                               value.rsplit('/', 1)[-1]))
        elif key == 'type':
            properties.append(('image_type', 'eq', value))
        elif key.startswith('property-'):
            properties.append((key[len('property-'):], 'eq', value))
    return columns, properties


def _list(kwargs, view, path):
    check_proxy_version()
    ctxt = wsgi.context()
    policy.require_reader(ctxt, 'os_compute_api:images')
    columns, properties = _filters(kwargs)
    limit = _limit(kwargs)
    try:
        found, _more = image_list.image_list(
            project_id=ctxt.project_id, is_admin=ctxt.is_admin,
            filters=columns, properties=properties,
            sort=[('created_at', 'desc')],
            limit=_ALL if limit is None else limit,
            marker=wsgi.query_value(kwargs, 'marker'))
    except exception.Invalid as exc:
        raise exception.Invalid(exc.message)
    base = wsgi.host_url()
    body = {'images': [view(image, base) for image in found]}
    if limit and len(found) == limit:
        body['images_links'] = [{'rel': 'next', 'href': '%s%s?limit=%d&'
                                 'marker=%s' % (base, path, limit,
                                                found[-1]['id'])}]
    return wsgi.response(body)


class ImagesController(rest.RestController):
    _custom_actions = {'detail': ['GET']}
    metadata = image_metadata.ImageMetadataController()

    @pecan.expose()
    def get_all(self, **kwargs):
        return _list(kwargs, views.basic, '/compute/v2.1/images')

    @pecan.expose()
    def detail(self, **kwargs):
        return _list(kwargs, views.detail, '/compute/v2.1/images/detail')

    @pecan.expose()
    def get_one(self, image_id):
        check_proxy_version()
        image = get_visible(wsgi.context(), image_id)
        return wsgi.response({'image': views.detail(image,
                                                    wsgi.host_url())})

    @pecan.expose()
    def delete(self, image_id):
        check_proxy_version()
        ctxt = wsgi.context()
        image = get_visible(ctxt, image_id)
        if not access.owns(ctxt, image) or image['protected']:
            raise exception.Forbidden('You are not allowed to delete the '
                                      'image.')
        db_images.delete(image_id)
        store.delete(image_id)
        LOG.info('Deleted image %s (compute proxy)', image_id)
        return wsgi.response(status=204)
