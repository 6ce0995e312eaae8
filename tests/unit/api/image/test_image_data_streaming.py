"""Image data goes through the whole API stack (auth, faults, the image
surface) in chunks: 64 MiB uploaded or staged, with or without a
Content-Length, never holds more than a few chunks in memory, and a size
past image_size_cap stops the reading (before any byte when declared)."""
import tracemalloc

import pytest
import webob

from stratus.api.image import store
from stratus.common.conf import CONF

BASE = '/image/v2/images'
JSON = {'Accept': 'application/json'}
SIZE = 64 * 1024 * 1024
# Far below the 64 MiB sent: the store's chunks and the hashes' state.
PEAK_LIMIT = 4 * 1024 * 1024
BLOCK = bytes(range(256)) * 256


class LazyInput:
    """A request body made on demand that notes how it is read."""

    def __init__(self, size):
        self.left, self.read_bytes, self.largest = size, 0, 0

    def read(self, n=-1):
        if n is None or n < 0:
            n = self.left
        n = min(n, self.left)
        self.largest = max(self.largest, n)
        self.left -= n
        self.read_bytes += n
        return (BLOCK * (n // len(BLOCK) + 1))[:n]

    def readline(self, *args):
        raise AssertionError('image data is not read by lines')


def _send(client, path, body, chunked, headers=None):
    headers = dict(JSON, **(headers or {}))
    headers['X-Auth-Token'] = client.token
    req = webob.Request.blank(path, method='PUT', headers=headers)
    req.content_type = 'application/octet-stream'
    req.environ['wsgi.input'] = body
    if chunked:
        req.environ.pop('CONTENT_LENGTH', None)
        req.environ['wsgi.input_terminated'] = True
        req.environ['HTTP_TRANSFER_ENCODING'] = 'chunked'
    else:
        req.environ['CONTENT_LENGTH'] = str(body.left)
    return req.get_response(client.app)


@pytest.fixture
def cap():
    yield lambda value: CONF.set_override('image_size_cap', value, 'image')
    CONF.clear_override('image_size_cap', 'image')


@pytest.mark.parametrize('target', ['file', 'stage'])
@pytest.mark.parametrize('chunked', [False, True])
def test_64_mib_streams_in_bounded_memory(admin, images, image_store, target,
                                          chunked):
    image = images.create(admin)
    body = LazyInput(SIZE)
    tracemalloc.start()
    try:
        resp = _send(admin, '%s/%s/%s' % (BASE, image['id'], target), body,
                     chunked)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert resp.status_int == 204, resp.text
    assert body.read_bytes == SIZE
    assert body.largest <= store.CHUNK_SIZE
    assert peak < PEAK_LIMIT, peak
    shown = admin.get('%s/%s' % (BASE, image['id'])).json
    assert shown['size'] == SIZE
    assert shown['status'] == ('active' if target == 'file' else 'uploading')


@pytest.mark.parametrize('target', ['file', 'stage'])
def test_past_the_cap_the_reading_stops(admin, images, image_store, cap,
                                        target):
    cap(1024 * 1024)
    image = images.create(admin)
    body = LazyInput(SIZE)
    resp = _send(admin, '%s/%s/%s' % (BASE, image['id'], target), body,
                 chunked=True)
    assert resp.status_int == 413, resp.text
    assert resp.json['message'] == ('The incoming image is too large: The '
                                    'provided image is too large.')
    assert body.read_bytes <= 1024 * 1024 + store.CHUNK_SIZE
    shown = admin.get('%s/%s' % (BASE, image['id'])).json
    assert shown['status'] == 'queued' and shown['size'] is None
    assert [p for p in image_store.rglob('*') if p.is_file()] == []


@pytest.mark.parametrize('target', ['file', 'stage'])
def test_a_declared_size_past_the_cap_reads_nothing(admin, images,
                                                    image_store, cap, target):
    cap(1024 * 1024)
    image = images.create(admin)
    body = LazyInput(SIZE)
    resp = _send(admin, '%s/%s/%s' % (BASE, image['id'], target), body,
                 chunked=False)
    assert resp.status_int == 413, resp.text
    assert resp.json['message'] == ('The incoming image is too large: The '
                                    'provided image is too large.')
    assert body.read_bytes == 0
    assert admin.get('%s/%s' % (BASE, image['id'])).json['status'] == \
        'queued'
