"""Fixtures of the image API tests: a store in a temporary directory and
`images`, helpers that create images, send image data and patches."""
import io
import json

import pytest
import webob

from stratus.common.conf import CONF

BASE = '/image/v2/images'
PATCH_TYPE = 'application/openstack-images-v2.1-json-patch'


@pytest.fixture(autouse=True)
def image_store(tmp_path):
    datadir = tmp_path / 'images'
    CONF.set_override('filesystem_store_datadir', str(datadir), 'image')
    yield datadir
    CONF.clear_override('filesystem_store_datadir', 'image')


class ImageHelpers:
    base = BASE

    @staticmethod
    def send(client, method, path, data=b'', chunked=False,
             content_type='application/octet-stream', headers=None):
        """A request with a raw body, optionally without Content-Length
        (as a chunked upload reaches the app)."""
        headers = dict(headers or {})
        if client.token and 'X-Auth-Token' not in headers:
            headers['X-Auth-Token'] = client.token
        req = webob.Request.blank(path, method=method, headers=headers)
        if content_type:
            req.content_type = content_type
        if chunked:
            req.environ['wsgi.input'] = io.BytesIO(data)
            req.environ.pop('CONTENT_LENGTH', None)
            req.environ['wsgi.input_terminated'] = True
            req.environ['HTTP_TRANSFER_ENCODING'] = 'chunked'
        else:
            req.body = data
        return req.get_response(client.app)

    def create(self, client, headers=None, **body):
        body.setdefault('name', 'cirros')
        body.setdefault('disk_format', 'qcow2')
        body.setdefault('container_format', 'bare')
        resp = client.post(BASE, body, headers=headers)
        assert resp.status_int == 201, resp.text
        return resp.json

    def put_file(self, client, image_id, data, headers=None, **kw):
        return self.send(client, 'PUT', '%s/%s/file' % (BASE, image_id),
                         data, headers=headers, **kw)

    def upload(self, client, image_id, data, headers=None, **kw):
        resp = self.put_file(client, image_id, data, headers, **kw)
        assert resp.status_int == 204, resp.text
        return resp

    def active(self, client, data=b'image-bytes', headers=None, **body):
        image = self.create(client, headers=headers, **body)
        self.upload(client, image['id'], data, headers=headers)
        return client.get('%s/%s' % (BASE, image['id']),
                          headers=headers).json

    def patch(self, client, image_id, ops, headers=None,
              content_type=PATCH_TYPE):
        return self.send(client, 'PATCH', '%s/%s' % (BASE, image_id),
                         json.dumps(ops).encode(), content_type=content_type,
                         headers=headers)


@pytest.fixture
def images():
    return ImageHelpers()


@pytest.fixture
def demo_headers(demo):
    return {'X-Auth-Token': demo['token']}
