"""The conductor's half of a 2.93 rebuild of a volume-backed server
(stratus.compute.volume_rebuild.reimage_and_wait) against the in-process
block storage: the root volume, reserved for its server, is re-imaged by
the volume service and waited for; a failed re-image raises."""
import uuid

import pytest

from stratus.common import context
from stratus.common import exception
from stratus.compute import server_volumes
from stratus.compute import volume_rebuild
from stratus.db.api import images

SERVER = '11111111-2222-3333-4444-555555555555'


@pytest.fixture
def image(vcloud, fake_image_downloads, tmp_path):
    vcloud.configure(image_conversion_dir=str(tmp_path / 'conversion'))
    return images.create({'id': str(uuid.uuid4()), 'name': 'debian',
                          'status': 'active', 'visibility': 'public',
                          'owner': 'x', 'disk_format': 'qcow2',
                          'container_format': 'bare', 'size': 4,
                          'min_disk': 0}, {'os_distro': 'debian'})


@pytest.fixture
def volume_api(vcloud, monkeypatch):
    from stratus.api.volume import volumes
    monkeypatch.setitem(server_volumes._APIS, 'volume', volumes.VOLUMES)
    monkeypatch.delitem(server_volumes._APIS, 'attach', raising=False)
    return volumes.VOLUMES


def _reserved_root(vcloud):
    """A volume handed over by its server's compute: reserved."""
    volume = vcloud.create_volume()
    resp = vcloud.post('/attachments', {'attachment': {
        'volume_uuid': volume['id'], 'instance_uuid': SERVER}},
        version='3.27')
    assert resp.status_int == 200, resp.text
    return volume


def test_reimage_and_wait(vcloud, image, volume_api):
    volume = _reserved_root(vcloud)
    status = volume_rebuild.reimage_and_wait(
        context.get_admin_context(), volume['id'], image['id'])
    assert status == 'reserved'
    shown = vcloud.show(volume['id'])
    assert shown['status'] == 'reserved' and shown['bootable'] == 'true'
    assert shown['volume_image_metadata']['image_id'] == image['id']


def test_failed_reimage_raises(vcloud, image, volume_api, monkeypatch):
    volume = _reserved_root(vcloud)
    from stratus.volume.tasks import reimage

    def broken(*args, **kwargs):
        raise RuntimeError('disk on fire')
    monkeypatch.setattr(reimage.create, 'write_image', broken)
    with pytest.raises(exception.StratusException) as exc:
        volume_rebuild.reimage_and_wait(context.get_admin_context(),
                                        volume['id'], image['id'])
    assert 'failed' in str(exc.value)
    assert vcloud.show(volume['id'])['status'] == 'error'


def test_volume_not_handed_over_is_refused(vcloud, image, volume_api):
    volume = vcloud.create_volume()
    resp = vcloud.action(volume['id'], {'os-reset_status': {
        'status': 'maintenance'}})
    assert resp.status_int == 202, resp.text
    with pytest.raises(exception.InvalidVolume):
        volume_rebuild.reimage_and_wait(context.get_admin_context(),
                                        volume['id'], image['id'])
    assert vcloud.show(volume['id'])['status'] == 'maintenance'
