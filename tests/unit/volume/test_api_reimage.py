"""os-reimage (3.68): an image written over a volume, cinder's checks, the
volume_reimage flow on the fake driver; os-extend_volume_completion
answers as cinder does for a volume that is not waiting on nova."""
import uuid

import pytest

from support import schemas

from stratus.db.api import images


@pytest.fixture
def image(vcloud, fake_image_downloads, tmp_path):
    vcloud.configure(image_conversion_dir=str(tmp_path / 'conversion'))
    row = images.create({'id': str(uuid.uuid4()), 'name': 'debian',
                         'status': 'active', 'visibility': 'public',
                         'owner': 'x', 'disk_format': 'qcow2',
                         'container_format': 'bare', 'size': 4,
                         'min_disk': 0}, {'os_distro': 'debian'})
    return row


def _reimage(vcloud, volume_id, body, version='3.68', **kw):
    return vcloud.post('/volumes/%s/action' % volume_id,
                       {'os-reimage': body}, version=version, **kw)


def test_reimage_writes_the_image(vcloud, image):
    volume = vcloud.create_volume()
    assert volume['bootable'] == 'false'
    resp = _reimage(vcloud, volume['id'], {'image_id': image['id']})
    assert resp.status_int == 202 and not resp.body
    shown = schemas.check(schemas.volume('volumes', '3.68').show_volume,
                          vcloud.get('/volumes/%s' % volume['id'],
                                     version='3.68'))['volume']
    assert shown['status'] == 'available' and shown['bootable'] == 'true'
    assert shown['volume_image_metadata']['image_id'] == image['id']
    assert shown['volume_image_metadata']['os_distro'] == 'debian'
    record = vcloud.driver_of(volume).volumes[volume['id']]
    assert record['image_format'] == 'qcow2'


def test_reimage_refusals(vcloud, image, demo):
    volume = vcloud.create_volume()
    resp = _reimage(vcloud, volume['id'], {'image_id': image['id']},
                    version='3.67')
    schemas.check_fault(resp, 404, 'itemNotFound')
    for body in ({}, {'image_id': 'nope'},
                 {'image_id': image['id'], 'reimage_reserved': 'maybe'},
                 {'image_id': image['id'], 'other': 1}):
        schemas.check_fault(_reimage(vcloud, volume['id'], body), 400,
                            'badRequest')
    missing = str(uuid.uuid4())
    assert schemas.check_fault(
        _reimage(vcloud, volume['id'], {'image_id': missing}), 404,
        'itemNotFound') == 'Image %s could not be found.' % missing
    vcloud.post('/volumes/%s/action' % volume['id'],
                {'os-reset_status': {'status': 'maintenance'}})
    assert schemas.check_fault(
        _reimage(vcloud, volume['id'], {'image_id': image['id']}), 400,
        'badRequest') == (
        'Invalid volume: Volume %s status must be available or error, but '
        'current status is maintenance.' % volume['id'])
    vcloud.post('/volumes/%s/action' % volume['id'],
                {'os-reset_status': {'status': 'reserved'}})
    schemas.check_fault(
        _reimage(vcloud, volume['id'], {'image_id': image['id']}), 400,
        'badRequest')
    resp = _reimage(vcloud, volume['id'], {'image_id': image['id'],
                                           'reimage_reserved': True})
    assert resp.status_int == 202
    assert vcloud.show(volume['id'])['status'] == 'reserved'
    # An image that does not fit: the volume keeps its status.
    images.update(image['id'], {'min_disk': 5})
    vcloud.post('/volumes/%s/action' % volume['id'],
                {'os-reset_status': {'status': 'available'}})
    schemas.check_fault(
        _reimage(vcloud, volume['id'], {'image_id': image['id']}), 400,
        'badRequest')
    assert vcloud.show(volume['id'])['status'] == 'available'


def test_failed_reimage_is_error(vcloud, image):
    volume = vcloud.create_volume()
    driver = vcloud.driver_of(volume)

    def broken(*args):
        raise RuntimeError('disk on fire')
    vcloud.monkeypatch.setattr(driver, 'copy_image_to_volume', broken)
    assert _reimage(vcloud, volume['id'],
                    {'image_id': image['id']}).status_int == 202
    assert vcloud.show(volume['id'])['status'] == 'error'


def test_extend_volume_completion_without_a_waiting_extend(vcloud, demo):
    volume = vcloud.create_volume()
    path = '/volumes/%s/action' % volume['id']
    body = {'os-extend_volume_completion': {'error': False}}
    assert schemas.check_fault(vcloud.post(path, body), 400,
                               'badRequest') == \
        'Invalid volume: Volume is not being extended.'
    vcloud.post(path, {'os-reset_status': {'status': 'extending'}})
    assert schemas.check_fault(vcloud.post(path, body), 400,
                               'badRequest') == (
        'Invalid volume: Required volume admin metadata is malformed or '
        'missing.')
    schemas.check_fault(vcloud.post(path, {
        'os-extend_volume_completion': {'bogus': 1}}), 400, 'badRequest')
