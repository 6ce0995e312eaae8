"""Interoperable image import. glance-direct: PUT /v2/images/{id}/stage
keeps the data in the staging area (queued -> uploading), POST
/v2/images/{id}/import moves it into the store through an
api_image_import task (uploading -> importing -> active), as glance.
web-download: POST /v2/images/{id}/import fetches a URL glance's default
filter allows into the store (queued -> importing -> active).

The import runs on a thread of the API process; the image carries
glance's progress properties (os_glance_import_task while it runs,
os_glance_importing_to_stores and os_glance_failed_import, empty with a
single store)."""
import threading
import time
import uuid

import pecan
from pecan import rest

from stratus.api import validation
from stratus.api import wsgi
from stratus.api.image import access
from stratus.api.image import image_data
from stratus.api.image import import_lock
from stratus.api.image import import_methods
from stratus.api.image import import_recovery
from stratus.api.image import storage_quota
from stratus.api.image import store
from stratus.api.image import web_download
from stratus.common import exception
from stratus.common import log
from stratus.common.conf import CONF
from stratus.db.api import image_tasks as db_tasks
from stratus.db.api import images as db_images

LOG = log.getLogger(__name__)
LOCK = import_lock.LOCK
PROGRESS = ('os_glance_importing_to_stores', 'os_glance_failed_import')


def _transition_conflict(image_id, current, target):
    return exception.Conflict('Image status transition from %s to %s is not '
                              'allowed' % (current, target))


class StageController(rest.RestController):

    @pecan.expose()
    def put(self, image_id):
        if 'glance-direct' not in import_methods.ENABLED:
            raise exception.NotFound("'glance-direct' method is not "
                                     "available at this site.")
        ctxt = wsgi.context()
        request = pecan.request
        content_type = (request.content_type or '').split(';')[0]
        if content_type != 'application/octet-stream':
            raise exception.InvalidContentType(content_type=content_type or
                                               'none')
        access.require_member(ctxt, 'modify_image')
        access.get_owned(ctxt, image_id, 'modify_image')
        try:
            db_images.set_status(image_id, ('queued',), 'uploading')
        except exception.ImageStatusConflict as exc:
            raise _transition_conflict(image_id, exc.kwargs['status'],
                                       'uploading')
        try:
            with image_data.too_large_as_glance():
                image_data.check_declared_size(request)
                size, _md5, _hash = store.write(
                    image_id, image_data.body_chunks(request),
                    CONF.image.image_size_cap, store.staging_dir())
        except BaseException:
            store.delete(image_id, store.staging_dir())
            _back_to_queued(image_id, ('uploading',))
            raise
        db_images.update(image_id, {'size': size})
        LOG.info('Staged %d bytes for image %s', size, image_id)
        return wsgi.response(status=204)


def _back_to_queued(image_id, expected):
    try:
        db_images.set_status(image_id, expected, 'queued')
    except (exception.ImageNotFound, exception.ImageStatusConflict):
        pass


def _check_body(body):
    if not isinstance(body, dict) or 'method' not in body:
        raise exception.Invalid("Import request requires a 'method' field.")
    method = body['method']
    if not isinstance(method, dict) or 'name' not in method:
        raise exception.Invalid("Import request requires a 'name' field.")
    if method['name'] not in import_methods.ENABLED:
        raise exception.Invalid("Unknown import method name '%s'."
                                % method['name'])
    for key, default in (('all_stores_must_succeed', True),
                         ('all_stores', False)):
        if not isinstance(body.get(key, default), bool):
            raise exception.Invalid("'%s' must be boolean value only" % key)
    return method['name']


def _check_image(image, method):
    if image['status'] == 'active':
        raise exception.Conflict('Image with status active cannot be '
                                 'target for import')
    if method == 'web-download' and image['status'] != 'queued':
        raise exception.Conflict("Image needs to be in 'queued' state to "
                                 "use 'web-download' method")
    if method == 'glance-direct' and image['status'] != 'uploading':
        raise exception.Conflict("Image needs to be staged before "
                                 "'glance-direct' method can be used")
    for key in ('container_format', 'disk_format'):
        if not image[key]:
            raise exception.Conflict("'%s' needs to be set before import"
                                     % key)


class ImportController(rest.RestController):

    @pecan.expose()
    def post(self, image_id):
        ctxt = wsgi.context()
        body = validation.load_json(pecan.request)
        method = _check_body(body)
        access.require_member(ctxt, 'modify_image')
        image = access.get_visible(ctxt, image_id)
        _check_image(image, method)
        image = access.get_owned(ctxt, image_id, 'modify_image')
        import_lock.enforce(image)
        if body.get('all_stores_must_succeed', True) is False:
            raise exception.Invalid('All_stores_must_succeed can only be set '
                                    'with enabled_backends %s'
                                    % body['method'].get('uri'))
        uri = body['method'].get('uri')
        if method == 'web-download' and not web_download.allowed(uri):
            raise exception.Invalid('URI for web-download does not pass '
                                    'filtering: %s' % uri)
        task = db_tasks.create({
            'id': str(uuid.uuid4()), 'type': 'api_image_import',
            'owner': ctxt.project_id, 'image_id': image_id,
            'user_id': ctxt.user_id, 'request_id': ctxt.request_id,
            'runner': import_recovery.runner_id(),
            'input': {'image_id': image_id, 'import_req': body,
                      'backend': [None]}})
        try:
            db_images.update(image_id, {'status': 'importing'},
                             dict({LOCK: task['id']},
                                  **{key: '' for key in PROGRESS}),
                             expected_status=(_SOURCE_STATUS[method],))
        except exception.ImageStatusConflict as exc:
            db_tasks.finish(task['id'], 'failure',
                            message='Image status changed')
            raise _transition_conflict(image_id, exc.kwargs['status'],
                                       'importing')
        threading.Thread(target=run_import,
                         args=(task['id'], image_id, method, uri),
                         name='image-import-%s' % image_id,
                         daemon=True).start()
        return wsgi.response(status=202)


# The status an image leaves for importing, by method.
_SOURCE_STATUS = {'glance-direct': 'uploading', 'web-download': 'queued'}


def _staged_chunks(image_id):
    with open(store.path(image_id, store.staging_dir()), 'rb') as f:
        while True:
            data = f.read(store.CHUNK_SIZE)
            if not data:
                return
            yield data


def _source(task_id, method, image_id, uri):
    """(chunks, expected size or 0) of the data to import."""
    if method == 'web-download':
        return web_download.fetch(uri, store.CHUNK_SIZE)
    return _staged_chunks(image_id), 0


# glance's import records its progress every five minutes.
PROGRESS_INTERVAL = 300


def _with_progress(task_id, chunks):
    """The chunks; every PROGRESS_INTERVAL the task notes what was copied
    (so its lock stays valid) and stops if it was failed meanwhile."""
    last, copied = time.monotonic(), 0
    for chunk in chunks:
        copied += len(chunk)
        if time.monotonic() - last >= PROGRESS_INTERVAL:
            last = time.monotonic()
            status = db_tasks.progress(task_id, 'Copied %i MiB'
                                       % (copied // (1024 * 1024)))
            if status != 'processing':
                raise exception.Conflict('Task was aborted externally')
        yield chunk


def run_import(task_id, image_id, method='glance-direct', uri=None):
    """The api_image_import task: staging or URL -> store, then active."""
    db_tasks.set_status(task_id, 'processing')
    try:
        # glance's import sets the data through its quota layer, size
        # unknown: refused only when no room is left, then cut off.
        owner = db_tasks.get(task_id)['owner']
        room = storage_quota.check(owner, image_id, None)
        chunks, expected = _source(task_id, method, image_id, uri)
        size, md5, multihash = store.write(
            image_id, storage_quota.limited(
                _with_progress(task_id, chunks), room),
            CONF.image.image_size_cap)
        if room is not None:
            storage_quota.check(owner, image_id, size)
        if expected and size != expected:
            raise exception.Invalid(
                'Task %s failed because downloaded data size %i is '
                'different from expected %i' % (task_id, size, expected))
        if not import_lock.holds(image_id, task_id):
            raise exception.Conflict('Task was aborted externally')
        db_images.update(image_id, {
            'status': 'active', 'size': size, 'checksum': md5,
            'os_hash_algo': store.HASH_ALGO, 'os_hash_value': multihash},
            remove_props=(LOCK,), expected_status=('importing',))
    except Exception as exc:
        LOG.exception('Import of image %s failed', image_id)
        _fail(task_id, image_id, exc)
        return
    finally:
        store.delete(image_id, store.staging_dir())
    db_tasks.finish(task_id, 'success', result={'image_id': image_id})
    LOG.info('Imported image %s (%d bytes)', image_id, size)


def _fail(task_id, image_id, exc):
    db_tasks.fail_unfinished(task_id, 'Error: %s: %s' % (type(exc), exc))
    try:
        lock = db_images.get(image_id)['properties'].get(LOCK)
    except exception.ImageNotFound:
        lock = None
    if lock and lock != task_id:
        # Another import took the image over: leave it to that one.
        return
    store.delete(image_id)
    try:
        db_images.update(image_id, {'status': 'queued'},
                         remove_props=(LOCK,),
                         expected_status=('importing',))
    except (exception.ImageNotFound, exception.ImageStatusConflict):
        pass
