"""/image/v2/images/{id}/file: upload (PUT) and download (GET) of image
data, streamed in chunks and hashed on the way, never held in memory.

Upload moves the image queued -> saving -> active with compare-and-swap
writes; a failed upload puts it back to queued so the client may retry.
"""
import contextlib

import pecan
from pecan import rest
import webob

from stratus.api import wsgi
from stratus.api.image import access
from stratus.api.image import storage_quota
from stratus.api.image import store
from stratus.common import exception
from stratus.common import log
from stratus.common.conf import CONF
from stratus.db.api import images as db_images

LOG = log.getLogger(__name__)


def body_chunks(request):
    """The request body in chunks; works with Content-Length and with
    chunked transfer encoding (the server marks the input terminated)."""
    body = request.body_file
    while True:
        try:
            data = body.read(store.CHUNK_SIZE)
        except (OSError, ValueError) as exc:
            raise exception.Invalid(reason='Error reading the image data: '
                                    '%s' % exc)
        if not data:
            return
        yield data


def declared_size(request):
    """glance's image size of an upload: X-OpenStack-Image-Size when sent,
    else the Content-Length (None when absent or 0: unknown)."""
    header = request.headers.get('X-OpenStack-Image-Size')
    try:
        if header is not None:
            return int(header)
        return request.content_length or None
    except (TypeError, ValueError):
        raise exception.Invalid('Invalid or missing image size in request '
                                'headers.')


def check_declared_size(request):
    """Refuse up front an upload that says it is past image_size_cap;
    returns the declared size."""
    declared = declared_size(request)
    if declared is not None and declared > CONF.image.image_size_cap:
        raise exception.ImageTooLarge()
    return declared


@contextlib.contextmanager
def too_large_as_glance():
    """glance's 413 text for data past image_size_cap (upload, stage)."""
    try:
        yield
    except exception.ImageTooLarge as exc:
        raise exception.ImageTooLarge('The incoming image is too large: %s'
                                      % exc) from None


def _restore(image_id):
    """Back to queued after a failed upload (unless deleted meanwhile)."""
    try:
        db_images.set_status(image_id, ('saving',), 'queued')
    except (exception.ImageNotFound, exception.ImageStatusConflict):
        pass


def upload(image_id, request, project_id=None, room=None):
    """Store the request body as the image's data; returns the image.
    `room`: the bytes user_storage_quota leaves `project_id` (None: no
    limit), checked again on the stored size."""
    db_images.set_status(image_id, ('queued',), 'saving')
    try:
        chunks = storage_quota.limited(body_chunks(request), room)
        size, md5, multihash = store.write(image_id, chunks,
                                           CONF.image.image_size_cap)
    except BaseException:
        LOG.warning('Upload of image %s failed; it is queued again',
                    image_id)
        _restore(image_id)
        raise
    if room is not None:
        try:
            storage_quota.check(project_id, image_id, size)
        except exception.StorageQuotaFull:
            LOG.info('Cleaning up %s after exceeding the quota.', image_id)
            store.delete(image_id)
            _restore(image_id)
            raise
    try:
        return db_images.set_status(
            image_id, ('saving',), 'active', size=size, checksum=md5,
            os_hash_algo=store.HASH_ALGO, os_hash_value=multihash)
    except (exception.ImageNotFound, exception.ImageStatusConflict):
        store.delete(image_id)
        raise exception.ImageDeletedDuringUpload(image_id=image_id)


# Where the download handler leaves the length for root.py to restore.
ENV_CONTENT_LENGTH = 'stratus.image.content_length'


def _stream(chunks):
    """A generator over the file's chunks. pecan peeks at a generator body
    (to tell 200 from 204) but reads any other body into memory whole; the
    peek drops Content-Length, which the surface puts back
    (ENV_CONTENT_LENGTH)."""
    try:
        yield from chunks
    finally:
        chunks.close()


def _range(request, size):
    """(offset, length, Content-Range or None) for a Range request."""
    if request.range is None or not size:
        return 0, size, None
    bounds = request.range.range_for_length(size)
    if bounds is None:
        raise exception.RangeNotSatisfiable()
    start, stop = bounds
    return start, stop - start, 'bytes %d-%d/%d' % (start, stop - 1, size)


class ImageDataController(rest.RestController):

    @pecan.expose()
    def put(self, image_id):
        ctxt = wsgi.context()
        access.require_member(ctxt, 'upload_image')
        request = pecan.request
        image = access.get_owned(ctxt, image_id, 'upload_image')
        content_type = (request.content_type or '').split(';')[0]
        if content_type != 'application/octet-stream':
            raise exception.InvalidContentType(content_type=content_type or
                                               'none')
        if image['status'] != 'queued':
            raise exception.Conflict('Image status transition from %s to '
                                     'saving is not allowed'
                                     % image['status'])
        declared = declared_size(request)
        # glance's quota layer looks before its store layer's size cap.
        with too_large_as_glance(), storage_quota.full_as_glance():
            room = storage_quota.check(ctxt.project_id, image_id, declared)
            check_declared_size(request)
            image = upload(image_id, request, ctxt.project_id, room)
        LOG.info('Stored %d bytes for image %s', image['size'], image_id)
        return wsgi.response(status=204)

    @pecan.expose()
    def get_all(self, image_id):
        ctxt = wsgi.context()
        access.require_reader(ctxt, 'download_image')
        image = access.get_visible(ctxt, image_id)
        if image['status'] == 'deactivated' and not ctxt.is_admin:
            raise exception.Forbidden('The requested image has been '
                                      'deactivated. Image data download is '
                                      'forbidden.')
        if image['status'] not in ('active', 'deactivated'):
            return wsgi.response(status=204)
        try:
            size = store.size_of(image_id)
            offset, length, content_range = _range(pecan.request, size)
            chunks = store.read(image_id, offset, length)
        except FileNotFoundError:
            raise exception.ServiceUnavailable(
                reason='the data of image %s is missing from the store'
                % image_id)
        resp = webob.Response(status=206 if content_range else 200,
                              app_iter=_stream(chunks), charset=None,
                              content_type='application/octet-stream')
        resp.content_length = length
        pecan.request.environ[ENV_CONTENT_LENGTH] = length
        if content_range:
            resp.headers['Content-Range'] = content_range
        elif image['checksum']:
            resp.headers['Content-MD5'] = image['checksum']
        return resp
