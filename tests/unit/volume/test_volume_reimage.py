"""os-reimage (3.68): the image downloaded and written over the volume,
its image metadata replaced; cinder's status rules and faults."""
import uuid

import pytest

from support import schemas

from stratus.db.api import images as db_images
from stratus.db.api import volumes as db_volumes
from stratus.volume.tasks import create as create_tasks


def _image(owner='x', visibility='public', status='active', size=4,
           min_disk=0):
    return db_images.create({
        'id': str(uuid.uuid4()), 'name': 'fedora', 'status': status,
        'visibility': visibility, 'owner': owner, 'disk_format': 'raw',
        'container_format': 'bare', 'size': size, 'min_disk': min_disk},
        {'os_distro': 'fedora'})


@pytest.fixture
def downloads(vcloud, monkeypatch, tmp_path):
    vcloud.configure(image_conversion_dir=str(tmp_path / 'conversion'))

    class Client:
        def download(self, image_id, path):
            with open(path, 'wb') as f:
                f.write(b'new image bytes')
            return {'id': image_id, 'disk_format': 'raw'}
    monkeypatch.setattr(create_tasks, 'image_client', lambda ctxt: Client())
    return vcloud


def test_reimage_writes_the_image(downloads, demo):
    vcloud = downloads
    volume = vcloud.create_volume(user=demo)
    image = _image()
    resp = vcloud.action(volume['id'], {'os-reimage': {
        'image_id': image['id']}}, user=demo, version='3.68')
    assert resp.status_int == 202 and resp.body == b''
    shown = vcloud.show(volume['id'])
    assert shown['status'] == 'available'
    assert shown['volume_image_metadata']['image_id'] == image['id']
    assert shown['volume_image_metadata']['os_distro'] == 'fedora'
    record = vcloud.driver_of(shown).volumes[volume['id']]
    assert record['data'] == b'new image bytes'


def test_reimage_refusals(downloads, demo):
    vcloud = downloads
    volume = vcloud.create_volume(user=demo)
    image = _image()
    body = {'os-reimage': {'image_id': image['id']}}
    resp = vcloud.action(volume['id'], body, version='3.67')
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'The resource could not be found.'
    private = _image(visibility='private')
    resp = vcloud.action(volume['id'], {'os-reimage': {
        'image_id': private['id']}}, user=demo, version='3.68')
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        'Image %s could not be found.' % private['id'])
    resp = vcloud.action(volume['id'], {'os-reimage': {
        'image_id': 'nope'}}, version='3.68')
    schemas.check_fault(resp, 400, 'badRequest')
    queued = _image(status='queued')
    resp = vcloud.action(volume['id'], {'os-reimage': {
        'image_id': queued['id']}}, version='3.68')
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid input received: Image %s is not active.' % queued['id'])
    assert vcloud.show(volume['id'])['status'] == 'available'
    db_volumes.update(volume['id'], {'status': 'reserved'})
    resp = vcloud.action(volume['id'], body, version='3.68')
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid volume: Volume %s status must be available or error, but '
        'current status is reserved.' % volume['id'])
    resp = vcloud.action(volume['id'], {'os-reimage': {
        'image_id': image['id'], 'reimage_reserved': True}}, version='3.68')
    assert resp.status_int == 202
    assert vcloud.show(volume['id'])['status'] == 'reserved'


def test_failed_reimage_leaves_error(downloads):
    vcloud = downloads
    volume = vcloud.create_volume()
    vcloud.driver_of(vcloud.show(volume['id'])).fail_methods.add(
        'copy_image_to_volume')
    resp = vcloud.action(volume['id'], {'os-reimage': {
        'image_id': _image()['id']}}, version='3.71')
    assert resp.status_int == 202
    assert vcloud.show(volume['id'])['status'] == 'error'
