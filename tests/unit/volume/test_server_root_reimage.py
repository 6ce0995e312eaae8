"""The block storage's half of a 2.93 rebuild of a volume-backed server
(stratus.compute.volume_rebuild.reimage, the conductor's os-reimage)
against the in-process block storage: the root volume, reserved for its
server, is re-imaged by the volume service, which then sends the server
nova's volume-reimaged event (tag: the volume), as cinder does; a failed
re-image leaves the volume in error and sends nothing (cinder sends no
event then either: the compute's wait runs out); an available volume
re-imaged through the API tells nobody."""
import uuid

import pytest

from stratus.common import context
from stratus.common import exception
from stratus.compute import external_events
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


@pytest.fixture
def sent(monkeypatch):
    """The events the volume service hands to the compute API."""
    events = []

    def accept(compute, ctxt, batch):
        events.append((ctxt.is_admin, batch))
        return 200
    monkeypatch.setattr(external_events, 'accept', accept)
    return events


def test_reimage_sends_volume_reimaged(vcloud, image, volume_api, sent):
    volume = _reserved_root(vcloud)
    volume_rebuild.reimage(context.get_admin_context(), volume['id'],
                           image['id'])
    shown = vcloud.show(volume['id'])
    assert shown['status'] == 'reserved' and shown['bootable'] == 'true'
    assert shown['volume_image_metadata']['image_id'] == image['id']
    assert sent == [(True, [{'name': 'volume-reimaged',
                             'server_uuid': SERVER, 'tag': volume['id']}])]


def test_the_event_reaches_the_server_s_compute(vcloud, image, volume_api,
                                                monkeypatch):
    """Through the compute API's event handling: a server with a host
    gets the event cast to its compute (200), one without is 422."""
    from stratus.compute import api as compute_api
    volume = _reserved_root(vcloud)
    cast = []
    monkeypatch.setattr(
        compute_api.ComputeAPI, 'get',
        lambda self, ctxt, uuid, extras=True: {'uuid': uuid,
                                               'host': 'node1'})
    monkeypatch.setattr(
        compute_api.ComputeAPI, 'external_instance_event',
        lambda self, ctxt, instances, events: cast.extend(events))
    volume_rebuild.reimage(context.get_admin_context(), volume['id'],
                           image['id'])
    assert cast == [{'name': 'volume-reimaged', 'server_uuid': SERVER,
                     'tag': volume['id'], 'status': 'completed'}]


def test_failed_reimage_sends_nothing(vcloud, image, volume_api, sent,
                                      monkeypatch):
    volume = _reserved_root(vcloud)
    from stratus.volume.tasks import reimage

    def broken(*args, **kwargs):
        raise RuntimeError('disk on fire')
    monkeypatch.setattr(reimage.create, 'write_image', broken)
    volume_rebuild.reimage(context.get_admin_context(), volume['id'],
                           image['id'])
    assert vcloud.show(volume['id'])['status'] == 'error'
    assert sent == []


def test_available_volume_tells_nobody(vcloud, image, volume_api, sent):
    volume = vcloud.create_volume()
    resp = vcloud.action(volume['id'], {'os-reimage': {
        'image_id': image['id']}}, version='3.68')
    assert resp.status_int == 202, resp.text
    assert vcloud.show(volume['id'])['status'] == 'available'
    assert sent == []


def test_volume_not_handed_over_is_refused(vcloud, image, volume_api, sent):
    volume = vcloud.create_volume()
    resp = vcloud.action(volume['id'], {'os-reset_status': {
        'status': 'maintenance'}})
    assert resp.status_int == 202, resp.text
    with pytest.raises(exception.InvalidVolume):
        volume_rebuild.reimage(context.get_admin_context(), volume['id'],
                               image['id'])
    assert vcloud.show(volume['id'])['status'] == 'maintenance'
    assert sent == []
