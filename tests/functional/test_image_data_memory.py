"""64 MiB of image data through the real stratus-api (cheroot), with a
Content-Length and chunked: the API's peak resident memory grows by far
less than the data, and the data arrives whole."""
import hashlib

from support import cloud as support_cloud

SIZE = 64 * 1024 * 1024
PIECE = 1024 * 1024
# Well below the 64 MiB sent; room for the allocator's own slack.
GROWTH_LIMIT = 24 * 1024 * 1024


def _peak_rss(pid):
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith('VmHWM:'):
                return int(line.split()[1]) * 1024
    raise AssertionError('no VmHWM for %d' % pid)


def _pieces(md5):
    block = bytes(range(256)) * (PIECE // 256)
    for _ in range(SIZE // PIECE):
        md5.update(block)
        yield block


class _Sized:
    """A body of known length that requests streams (it reads it)."""

    def __init__(self, md5):
        self.chunks = _pieces(md5)
        self.buffer = b''

    def __len__(self):
        return SIZE

    def read(self, n=-1):
        while n and len(self.buffer) < n:
            chunk = next(self.chunks, None)
            if chunk is None:
                break
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data


def test_64_mib_uploads_in_bounded_api_memory(cloud):
    rest = support_cloud.Rest(cloud)
    pid = cloud.procs['api'].pid
    before = _peak_rss(pid)
    for chunked in (False, True):
        resp = rest.request('POST', '/image/v2/images', json={
            'name': 'big-%s' % chunked, 'disk_format': 'raw',
            'container_format': 'bare'})
        assert resp.status_code == 201, resp.text
        image_id = resp.json()['id']
        md5 = hashlib.md5(usedforsecurity=False)
        body = _pieces(md5) if chunked else _Sized(md5)
        try:
            resp = rest.request(
                'PUT', '/image/v2/images/%s/file' % image_id, data=body,
                headers={'Content-Type': 'application/octet-stream'},
                timeout=120)
            assert resp.status_code == 204, resp.text
            image = rest.get('/image/v2/images/%s' % image_id).json()
            assert image['status'] == 'active' and image['size'] == SIZE
            assert image['checksum'] == md5.hexdigest()
        finally:
            rest.request('DELETE', '/image/v2/images/%s' % image_id)
    assert _peak_rss(pid) - before < GROWTH_LIMIT
