"""Image data: upload (plain and chunked), hashes, download, ranges,
status rules, deactivate/reactivate, and what delete does to the file."""
import hashlib
import os

import pytest

from stratus.api.image import image_data
from stratus.common.conf import CONF
from stratus.db.api import images as db_images

BASE = '/image/v2/images'
DATA = os.urandom(200 * 1024 + 17)


@pytest.mark.parametrize('chunked', [False, True])
def test_upload_hashes_and_activates(admin, images, image_store, chunked):
    image = images.create(admin)
    images.upload(admin, image['id'], DATA, chunked=chunked)
    body = admin.get('%s/%s' % (BASE, image['id'])).json
    assert body['status'] == 'active' and body['size'] == len(DATA)
    assert body['checksum'] == hashlib.md5(DATA).hexdigest()
    assert body['os_hash_algo'] == 'sha512'
    assert body['os_hash_value'] == hashlib.sha512(DATA).hexdigest()
    assert (image_store / image['id']).read_bytes() == DATA
    assert [p.name for p in image_store.iterdir()] == [image['id']]


def test_download_streams_with_content_md5(admin, images):
    image = images.active(admin, data=DATA)
    resp = admin.get('%s/%s/file' % (BASE, image['id']))
    # Streamed: no layer read the data into one body.
    assert not isinstance(resp.app_iter, (list, tuple))
    assert resp.status_int == 200
    assert resp.content_type == 'application/octet-stream'
    assert resp.headers['Content-MD5'] == image['checksum']
    assert resp.content_length == len(DATA)
    assert resp.body == DATA


def test_download_range(admin, images):
    image = images.active(admin, data=DATA)
    resp = admin.get('%s/%s/file' % (BASE, image['id']),
                     headers={'Range': 'bytes=10-19'})
    assert resp.status_int == 206 and resp.body == DATA[10:20]
    assert resp.headers['Content-Range'] == 'bytes 10-19/%d' % len(DATA)
    resp = admin.get('%s/%s/file' % (BASE, image['id']),
                     headers={'Range': 'bytes=%d-' % (len(DATA) + 5)})
    assert resp.status_int == 416


def test_no_data_yet_is_204(admin, images):
    image = images.create(admin)
    assert admin.get('%s/%s/file' % (BASE, image['id'])).status_int == 204


def test_upload_needs_octet_stream(admin, images):
    image = images.create(admin)
    resp = images.put_file(admin, image['id'], DATA,
                           content_type='text/plain')
    assert resp.status_int == 415
    assert admin.get('%s/%s' % (BASE, image['id'])).json['status'] == \
        'queued'


def test_upload_twice_conflicts(admin, images):
    image = images.active(admin)
    resp = images.put_file(admin, image['id'], DATA)
    assert resp.status_int == 409


def test_too_large_is_413_and_requeues(admin, images, image_store):
    CONF.set_override('image_size_cap', 1000, 'image')
    try:
        image = images.create(admin)
        resp = images.put_file(admin, image['id'], DATA, chunked=True)
        assert resp.status_int == 413
        resp = images.put_file(admin, image['id'], DATA)
        assert resp.status_int == 413
    finally:
        CONF.clear_override('image_size_cap', 'image')
    body = admin.get('%s/%s' % (BASE, image['id'])).json
    assert body['status'] == 'queued' and body['size'] is None
    assert list(image_store.iterdir()) == []
    images.upload(admin, image['id'], b'retry')


def test_broken_upload_requeues(admin, images, image_store, monkeypatch):
    image = images.create(admin)

    def broken(request):
        yield b'part'
        raise ConnectionError('client went away')
    monkeypatch.setattr(image_data, 'body_chunks', broken)
    resp = images.put_file(admin, image['id'], DATA)
    assert resp.status_int == 500
    assert admin.get('%s/%s' % (BASE, image['id'])).json['status'] == \
        'queued'
    assert list(image_store.iterdir()) == []


def test_image_deleted_during_upload_is_410(admin, images, image_store,
                                            monkeypatch):
    image = images.create(admin)
    real = image_data.body_chunks

    def delete_midway(request):
        yield from real(request)
        db_images.delete(image['id'])
    monkeypatch.setattr(image_data, 'body_chunks', delete_midway)
    resp = images.put_file(admin, image['id'], DATA)
    assert resp.status_int == 410
    assert list(image_store.iterdir()) == []


def test_others_cannot_upload(admin, images, demo_headers):
    public = images.create(admin, visibility='public')
    resp = images.put_file(admin, public['id'], DATA, headers=demo_headers)
    assert resp.status_int == 403
    private = images.create(admin, visibility='private')
    resp = images.put_file(admin, private['id'], DATA, headers=demo_headers)
    assert resp.status_int == 404


def test_delete_removes_the_file(admin, images, image_store):
    image = images.active(admin, data=DATA)
    assert (image_store / image['id']).exists()
    assert admin.delete('%s/%s' % (BASE, image['id'])).status_int == 204
    assert not (image_store / image['id']).exists()


def test_deactivate_and_reactivate(admin, images, demo_headers):
    image = images.active(admin, data=DATA, visibility='public')
    path = '%s/%s' % (BASE, image['id'])
    assert admin.post(path + '/actions/deactivate').status_int == 204
    assert admin.post(path + '/actions/deactivate').status_int == 204
    assert admin.get(path).json['status'] == 'deactivated'
    resp = admin.get(path + '/file', headers=demo_headers)
    assert resp.status_int == 403 and 'deactivated' in resp.text
    assert admin.get(path + '/file').body == DATA
    assert admin.get(path, headers=demo_headers).status_int == 200
    assert admin.post(path + '/actions/reactivate').status_int == 204
    assert admin.get(path).json['status'] == 'active'
    assert admin.get(path + '/file', headers=demo_headers).body == DATA


def test_actions_need_an_uploaded_image_and_the_owner(admin, images,
                                                      demo_headers):
    queued = images.create(admin)
    path = '%s/%s/actions/' % (BASE, queued['id'])
    assert admin.post(path + 'deactivate').status_int == 403
    assert admin.post(path + 'reactivate').status_int == 403
    public = images.active(admin, visibility='public')
    path = '%s/%s/actions/' % (BASE, public['id'])
    assert admin.post(path + 'deactivate',
                      headers=demo_headers).status_int == 403
    assert admin.post(path + 'explode').status_int in (404, 405)


def test_missing_file_is_503(admin, images, image_store):
    image = images.active(admin)
    (image_store / image['id']).unlink()
    assert admin.get('%s/%s/file' % (BASE, image['id'])).status_int == 503
