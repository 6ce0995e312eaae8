"""A small client of the image API (Glance v2) for the daemons: metadata,
streamed upload and download with checksum verification, JSON-patch
updates. Errors raise stratus.common.exception types.

    client = ImageClient('http://HOST/image', token)
    image = client.create(name='snap', disk_format='qcow2',
                          container_format='bare')
    with open(path, 'rb') as f:
        client.upload(image['id'], f)
    client.download(image['id'], '/tmp/copy')
"""
import hashlib
import os
import tempfile
import threading

import requests

from stratus.common import exception

CHUNK_SIZE = 64 * 1024
PATCH_TYPE = 'application/openstack-images-v2.1-json-patch'
# Attributes that are columns of the image, not free-form properties.
_BASE = ('name', 'visibility', 'protected', 'os_hidden', 'owner',
         'disk_format', 'container_format', 'min_disk', 'min_ram', 'tags')


def _message(resp):
    text = (resp.text or '').strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # glance's plain-text faults: "404 Not Found", "", message.
    return lines[1] if len(lines) > 1 else (lines[0] if lines else
                                            resp.reason or '')


def _raise_for(resp, image_id=None):
    if resp.status_code < 400:
        return
    message = _message(resp)
    code = resp.status_code
    if code == 404 and image_id is not None:
        raise exception.ImageNotFound(image_id=image_id)
    if code == 404:
        raise exception.NotFound(message)
    if code == 400:
        raise exception.Invalid(reason=message)
    if code == 401:
        raise exception.NotAuthenticated()
    if code == 403:
        raise exception.Forbidden(message)
    if code == 409:
        raise exception.Conflict(message)
    if code == 410 and image_id is not None:
        raise exception.ImageDeletedDuringUpload(image_id=image_id)
    if code == 413:
        raise exception.ImageTooLarge(message)
    if code == 503:
        raise exception.ServiceUnavailable(reason=message)
    raise exception.ImageServiceError(reason='%s %s' % (code, message))


def _chunks(fileobj_or_iter):
    """File objects are read in chunks; iterables are passed through."""
    if hasattr(fileobj_or_iter, 'read'):
        return iter(lambda: fileobj_or_iter.read(CHUNK_SIZE), b'')
    return iter(fileobj_or_iter)


_SESSION = None
_SESSION_LOCK = threading.Lock()


def _session():
    """One keep-alive session per process: a daemon calls the image API a
    few times per shelve, snapshot or unshelve, from whichever of its RPC
    executor's threads runs the flow, and a new connection each time costs
    both sides a TCP handshake and the server a new connection. (No
    cookies or session auth are used, so its threads can share it; its
    connection pool is thread-safe.)"""
    global _SESSION
    if _SESSION is None:
        with _SESSION_LOCK:
            if _SESSION is None:
                _SESSION = requests.Session()
    return _SESSION


class ImageClient:
    def __init__(self, base_url, token, timeout=60, session=None,
                 global_request_id=None):
        """`base_url`: the catalog's image URL (http://HOST/image)."""
        self.base_url = base_url.rstrip('/')
        self.timeout = timeout
        self.session = session or _session()
        self.headers = {'X-Auth-Token': token}
        if global_request_id:
            self.headers['X-OpenStack-Request-ID'] = global_request_id

    def _url(self, image_id=None, *parts):
        url = self.base_url + '/v2/images'
        for part in ((image_id,) if image_id else ()) + parts:
            url += '/' + requests.utils.quote(part, safe='')
        return url

    def _request(self, method, url, image_id=None, headers=None, **kwargs):
        all_headers = dict(self.headers, **(headers or {}))
        try:
            resp = self.session.request(method, url, headers=all_headers,
                                        timeout=self.timeout, **kwargs)
        except requests.RequestException as exc:
            raise exception.ServiceUnavailable(
                reason='image service unreachable: %s' % exc)
        _raise_for(resp, image_id)
        return resp

    def get(self, image_id):
        return self._request('GET', self._url(image_id), image_id).json()

    def list(self, **filters):
        """Every image matching the filters, following the next links."""
        found, params = [], dict(filters)
        url = self._url()
        while url:
            body = self._request('GET', url, params=params).json()
            found.extend(body['images'])
            url = self.base_url + body['next'] if body.get('next') else None
            params = None
        return found

    def create(self, **fields):
        return self._request('POST', self._url(), json=fields).json()

    def upload(self, image_id, fileobj_or_iter, size=None):
        """Stream the data (a file object or an iterable of bytes); sent
        with chunked transfer encoding, never read whole into memory."""
        headers = {'Content-Type': 'application/octet-stream'}
        if size is not None:
            headers['X-OpenStack-Image-Size'] = str(size)
        self._request('PUT', self._url(image_id, 'file'), image_id,
                      headers=headers, data=_chunks(fileobj_or_iter))

    def download(self, image_id, dest_path, expected_checksum=None):
        """Stream the image's data into `dest_path` and verify it against
        `expected_checksum` (an md5 or sha512 hexdigest) or, when not
        given, the image's own os_hash_value / checksum. The file appears
        at `dest_path` only when verified. Returns the image."""
        image = self.get(image_id)
        algo = image.get('os_hash_algo') or 'sha512'
        md5, multihash = hashlib.md5(usedforsecurity=False), hashlib.new(algo)
        resp = self._request('GET', self._url(image_id, 'file'), image_id,
                             stream=True)
        if resp.status_code == 204:
            raise exception.ImageStatusConflict(image_id=image_id,
                                                status=image['status'])
        directory = os.path.dirname(os.path.abspath(dest_path))
        fd, tmp = tempfile.mkstemp(prefix='.image-', dir=directory)
        try:
            with os.fdopen(fd, 'wb') as f, resp:
                for chunk in resp.iter_content(CHUNK_SIZE):
                    md5.update(chunk)
                    multihash.update(chunk)
                    f.write(chunk)
            self._verify(image, expected_checksum, md5.hexdigest(),
                         multihash.hexdigest())
            os.replace(tmp, dest_path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        return image

    @staticmethod
    def _verify(image, expected, md5, multihash):
        if expected:
            actual = md5 if len(expected) == 32 else multihash
        elif image.get('os_hash_value'):
            expected, actual = image['os_hash_value'], multihash
        else:
            expected, actual = image.get('checksum'), md5
        if expected and expected != actual:
            raise exception.ImageChecksumMismatch(
                image_id=image['id'], expected=expected, actual=actual)

    def delete(self, image_id):
        self._request('DELETE', self._url(image_id), image_id)

    def update(self, image_id, remove=(), **fields):
        """Set attributes and properties (JSON patch); `remove` names
        properties to drop. Returns the updated image."""
        ops = [{'op': 'replace' if key in _BASE else 'add',
                'path': '/' + key.replace('~', '~0').replace('/', '~1'),
                'value': value} for key, value in fields.items()]
        ops += [{'op': 'remove', 'path': '/' + key.replace(
            '~', '~0').replace('/', '~1')} for key in remove]
        return self._request('PATCH', self._url(image_id), image_id,
                             headers={'Content-Type': PATCH_TYPE},
                             json=ops).json()
