"""os-volume_upload_image: cinder's 202 answer, the volume uploading and
back, the image created queued and made active with the volume's bytes
through the real image API (in process), 3.1's visibility/protected."""
import json
import threading
import uuid

import pytest
import webob

from support import schemas

from stratus.db.api import images as db_images
from stratus.db.api import volumes as db_volumes
from stratus.volume import upload

# tempest's (commented-out) upload_volume schema: the key set cinder
# answers, as the API reference shows it (protected and visibility come
# from the image service's image, so they are there at every version).
ANSWER_KEYS = {'id', 'updated_at', 'status', 'display_description', 'size',
               'volume_type', 'image_id', 'container_format', 'disk_format',
               'image_name', 'protected', 'visibility'}
TYPE_KEYS = {'created_at', 'deleted', 'deleted_at', 'description',
             'extra_specs', 'id', 'is_public', 'name', 'qos_specs_id',
             'updated_at'}


class InProcessImageClient:
    """The daemons' ImageClient calls, answered by the in-process API."""

    def __init__(self, app, token):
        self.app, self.token = app, token

    def _send(self, method, path, body=None, content_type=None):
        req = webob.Request.blank('/image/v2/images' + path, method=method,
                                  headers={'X-Auth-Token': self.token})
        if body is not None:
            req.body = body
            req.content_type = content_type
        # Another thread: the volume action's request is still being
        # served in this one (pecan keeps its request per thread).
        done = []
        worker = threading.Thread(
            target=lambda: done.append(req.get_response(self.app)))
        worker.start()
        worker.join()
        resp = done[0]
        assert resp.status_int < 400, resp.text
        return resp

    def get(self, image_id):
        return self._send('GET', '/' + image_id).json

    def upload(self, image_id, fileobj, size=None):
        self._send('PUT', '/%s/file' % image_id, fileobj.read(),
                   'application/octet-stream')

    def delete(self, image_id):
        self._send('DELETE', '/' + image_id)


@pytest.fixture
def images(vcloud, monkeypatch, tmp_path):
    from stratus.common.conf import CONF
    CONF.set_override('filesystem_store_datadir', str(tmp_path / 'images'),
                      'image')
    (tmp_path / 'images').mkdir()
    vcloud.configure(image_conversion_dir=str(tmp_path / 'conversion'))
    monkeypatch.setattr(upload, 'image_client', lambda ctxt: (
        InProcessImageClient(vcloud.client.app, ctxt.auth_token)))
    # The image API's pecan app is built on its first request, and
    # building one replaces pecan's thread-local state: build it now, not
    # in the middle of a volume action.
    assert vcloud.client.get('/image/v2/images').status_int == 200
    yield vcloud
    CONF.clear_override('filesystem_store_datadir', 'image')


def _fill(vcloud, volume, data):
    volume = vcloud.show(volume['id'])
    vcloud.driver_of(volume).volumes[volume['id']]['data'] = data


def _image_data(vcloud, image_id):
    resp = vcloud.client.get('/image/v2/images/%s/file' % image_id)
    assert resp.status_int == 200, resp.text
    return resp.body


def test_upload_answer_and_data(images, demo):
    vcloud = images
    volume = vcloud.create_volume(user=demo, description='d')
    _fill(vcloud, volume, b'volume bytes\x00' * 100)
    db_volumes.update(volume['id'], {'image_metadata': {
        'os_distro': 'cirros', 'image_name': 'old', 'min_ram': '64'}})
    resp = vcloud.action(volume['id'], {'os-volume_upload_image': {
        'image_name': 'from-volume', 'disk_format': 'raw',
        'container_format': 'bare'}}, user=demo, version='3.0')
    assert resp.status_int == 202, resp.text
    answer = resp.json['os-volume_upload_image']
    assert set(answer) == ANSWER_KEYS
    assert set(answer['volume_type']) == TYPE_KEYS
    assert (answer['visibility'], answer['protected']) == ('shared', False)
    assert (answer['status'], answer['image_name'], answer['size'],
            answer['display_description'], answer['id']) == (
        'uploading', 'from-volume', 1, 'd', volume['id'])
    assert vcloud.show(volume['id'])['status'] == 'available'
    image = db_images.get(answer['image_id'])
    assert (image['status'], image['disk_format'],
            image['container_format'], image['owner'],
            image['visibility']) == ('active', 'raw', 'bare',
                                     volume['os-vol-tenant-attr:tenant_id'],
                                     'shared')
    # Custom image properties follow; core ones (image_name, min_ram) not.
    assert image['properties'] == {'os_distro': 'cirros'}
    assert _image_data(vcloud, image['id']) == b'volume bytes\x00' * 100


def test_upload_31_visibility_protected_and_qcow2(images):
    vcloud = images
    volume = vcloud.create_volume()
    _fill(vcloud, volume, b'\x01' * 4096)
    resp = vcloud.action(volume['id'], {'os-volume_upload_image': {
        'image_name': 'q', 'disk_format': 'qcow2', 'visibility': 'public',
        'protected': True}}, version='3.1')
    answer = resp.json['os-volume_upload_image']
    assert set(answer) == ANSWER_KEYS
    assert (answer['visibility'], answer['protected'],
            answer['disk_format'], answer['volume_type']['name']) == (
        'public', True, 'qcow2', '__DEFAULT__')
    data = _image_data(vcloud, answer['image_id'])
    assert data[:4] == b'QFI\xfb'        # converted to qcow2


def test_upload_refusals(images, demo):
    vcloud = images
    volume = vcloud.create_volume(user=demo)
    resp = vcloud.action(volume['id'], {'os-volume_upload_image': {
        'image_name': 'p', 'visibility': 'public'}}, user=demo)
    schemas.check_fault(resp, 403, 'forbidden')
    # visibility is unknown before 3.1
    resp = vcloud.action(volume['id'], {'os-volume_upload_image': {
        'image_name': 'p', 'visibility': 'private'}}, version='3.0')
    schemas.check_fault(resp, 400, 'badRequest')
    resp = vcloud.action(volume['id'], {'os-volume_upload_image': {
        'image_name': 'p', 'disk_format': 'iso'}})
    schemas.check_fault(resp, 400, 'badRequest')
    resp = vcloud.action(volume['id'], {'os-volume_upload_image': {}})
    schemas.check_fault(resp, 400, 'badRequest')
    db_volumes.update(volume['id'], {'status': 'in-use'})
    # force is ignored unless enable_force_upload
    resp = vcloud.action(volume['id'], {'os-volume_upload_image': {
        'image_name': 'p', 'force': True}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid volume: Volume %s status must be available' % volume['id'])
    vcloud.configure(enable_force_upload=True)
    resp = vcloud.action(volume['id'], {'os-volume_upload_image': {
        'image_name': 'p', 'force': 'true'}})
    assert resp.status_int == 202, resp.text
    assert vcloud.show(volume['id'])['status'] == 'in-use'
    resp = vcloud.action(str(uuid.uuid4()), {'os-volume_upload_image': {
        'image_name': 'p'}})
    schemas.check_fault(resp, 404, 'itemNotFound')


def test_failed_upload_deletes_image_and_restores_volume(images):
    vcloud = images
    volume = vcloud.create_volume()
    vcloud.driver_of(volume).fail_methods.add('copy_volume_to_image')
    resp = vcloud.action(volume['id'], {'os-volume_upload_image': {
        'image_name': 'broken'}})
    assert resp.status_int == 202
    image_id = resp.json['os-volume_upload_image']['image_id']
    assert vcloud.show(volume['id'])['status'] == 'available'
    resp = vcloud.client.get('/image/v2/images/%s' % image_id)
    assert resp.status_int == 404
    messages = vcloud.get('/messages').json['messages']
    assert any(m['resource_uuid'] == volume['id'] and
               m['user_message'].startswith('copy volume to image:')
               for m in messages), json.dumps(messages)


def test_upload_goes_through_the_image_services_checks(images):
    vcloud = images
    volume = vcloud.create_volume()
    for container, message in (
            ('compressed', 'Image compression upload disallowed, but '
                           'container_format is compressed'),
            ('tarball', None)):
        resp = vcloud.action(volume['id'], {'os-volume_upload_image': {
            'image_name': 'c', 'container_format': container}})
        got = schemas.check_fault(resp, 400, 'badRequest')
        if message:
            assert got == message
        assert vcloud.show(volume['id'])['status'] == 'available'


def test_upload_of_more_image_properties_than_glance_allows(images):
    # cinder has no count limit on a volume's image metadata; the image
    # service refuses the image (413), before the volume moves.
    vcloud = images
    volume = vcloud.create_volume()
    resp = vcloud.action(volume['id'], {'os-set_image_metadata': {
        'metadata': {'p%03d' % i: 'v' for i in range(130)}}})
    assert resp.status_int == 200, resp.text
    resp = vcloud.action(volume['id'], {'os-volume_upload_image': {
        'image_name': 'c', 'disk_format': 'raw',
        'container_format': 'bare'}})
    assert schemas.check_fault(resp, 413, 'overLimit') == (
        'The limit has been exceeded on the number of allowed image '
        'properties. Attempted: 130, Maximum: 128')
    assert vcloud.show(volume['id'])['status'] == 'available'
