"""POST /servers with block_device_mapping_v2 volumes, in-process: boot
from a new volume (image source) or an existing one, data volumes next to
an image root, the mapping rows and reservations the API makes, what it
hands the conductor, and nova's 400s."""
import uuid

import pytest

from support import compute_api

from stratus.api.compute import servers as servers_api
from stratus.api.compute import versions
from stratus.common import rpc
from stratus.db.api import block_devices
from stratus.db.api import images
from stratus.db.api import volumes as db_volumes

SERVERS = '/compute/v2.1/servers'


Recorder = compute_api.RecordingComputeRPC


@pytest.fixture
def cloud(monkeypatch, admin):
    monkeypatch.setattr(versions, 'MAX', (2, 100))
    rpc.init(url='fake:/')
    from stratus.api import app as app_module
    admin.app = app_module.build_app()
    admin.conductor = Recorder()
    monkeypatch.setattr(servers_api.COMPUTE, 'conductor', admin.conductor)
    admin.image = images.create({
        'id': str(uuid.uuid4()), 'name': 'img', 'status': 'active',
        'visibility': 'public', 'owner': 'x', 'disk_format': 'raw',
        'container_format': 'bare', 'size': 1, 'min_ram': 0},
        {'kernel_id': 'k1'})
    admin.post('/compute/v2.1/flavors', {'flavor': {
        'name': 'tiny', 'ram': 64, 'vcpus': 1, 'disk': 1, 'id': '1'}})
    token = admin.get('/identity/v3/auth/tokens',
                      headers={'X-Subject-Token': admin.token}).json
    admin.project_id = token['token']['project']['id']
    yield admin
    rpc.init()


def _volume(cloud, status='available', **values):
    return db_volumes.create(dict({
        'id': str(uuid.uuid4()), 'project_id': cloud.project_id,
        'user_id': 'u', 'size': 1, 'status': status, 'host': None,
        'availability_zone': 'nova'}, **values))['id']


def _create(cloud, bdms, version='2.89', **server):
    body = dict({'name': 'vm', 'flavorRef': '1', 'networks': 'none',
                 'block_device_mapping_v2': bdms}, **server)
    return cloud.post(SERVERS, {'server': body}, headers={
        'OpenStack-API-Version': 'compute %s' % version})


def _boot_from_image(cloud, **extra):
    return dict({'uuid': cloud.image['id'], 'source_type': 'image',
                 'destination_type': 'volume', 'boot_index': 0,
                 'volume_size': 2, 'delete_on_termination': True}, **extra)


def test_boot_from_a_new_volume(cloud):
    resp = _create(cloud, [_boot_from_image(cloud)])
    assert resp.status_int == 202, resp.text
    sid = resp.json['server']['id']
    [bdm] = block_devices.for_instance(sid)
    assert (bdm['source_type'], bdm['image_id'], bdm['volume_size'],
            bdm['device_name'], bdm['boot_index'],
            bdm['delete_on_termination']) == (
        'image', cloud.image['id'], 2, '/dev/vda', 0, True)
    assert bdm['volume_id'] is None          # the conductor makes it
    [(method, (uuids, request), _)] = cloud.conductor.sent
    assert method == 'build_instances' and uuids == [sid]
    assert request['volume_backed'] and request['volumes']
    assert request['image']['id'] == cloud.image['id']
    assert request['image']['properties'] == {'kernel_id': 'k1'}
    shown = cloud.get(SERVERS + '/' + sid).json['server']
    assert shown['image'] == ''
    assert shown['os-extended-volumes:volumes_attached'] == []


def test_boot_from_an_existing_volume(cloud):
    vid = _volume(cloud, image_metadata={'image_id': cloud.image['id'],
                                         'kernel_id': 'k9', 'min_ram': '0'})
    resp = _create(cloud, [{'uuid': vid, 'source_type': 'volume',
                            'destination_type': 'volume', 'boot_index': 0}])
    assert resp.status_int == 202, resp.text
    sid = resp.json['server']['id']
    [bdm] = block_devices.for_instance(sid)
    assert bdm['volume_id'] == vid and bdm['attachment_id']
    assert db_volumes.get(vid)['status'] == 'reserved'
    request = cloud.conductor.sent[0][1][1]
    assert request['image']['properties'] == {'kernel_id': 'k9'}
    shown = cloud.get(SERVERS + '/' + sid, headers={
        'OpenStack-API-Version': 'compute 2.3'}).json['server']
    assert shown['os-extended-volumes:volumes_attached'] == [
        {'id': vid, 'delete_on_termination': False}]


def test_data_volumes_next_to_an_image_root(cloud):
    vid = _volume(cloud)
    resp = _create(cloud, [
        {'uuid': cloud.image['id'], 'source_type': 'image',
         'destination_type': 'local', 'boot_index': 0,
         'delete_on_termination': True},
        {'uuid': vid, 'source_type': 'volume', 'destination_type': 'volume',
         'boot_index': -1},
        {'source_type': 'blank', 'destination_type': 'volume',
         'volume_size': 1, 'device_name': '/dev/vdd'}],
        imageRef=cloud.image['id'])
    assert resp.status_int == 202, resp.text
    sid = resp.json['server']['id']
    rows = block_devices.for_instance(sid)
    assert [(b['source_type'], b['device_name']) for b in rows] == [
        ('volume', '/dev/vdb'), ('blank', '/dev/vdd')]
    request = cloud.conductor.sent[0][1][1]
    assert request['volumes'] and not request['volume_backed']
    assert cloud.get(SERVERS + '/' + sid).json['server']['image']['id'] == \
        cloud.image['id']


@pytest.mark.parametrize('bdms,message', [
    ([{'source_type': 'image', 'destination_type': 'volume',
       'boot_index': 0}], 'non-zero size'),
    ([{'source_type': 'blank', 'destination_type': 'volume',
       'boot_index': 0, 'volume_size': 1}], 'Boot sequence'),
    ([{'source_type': 'blank', 'destination_type': 'local',
       'boot_index': -1}], 'not supported'),
    ([{'source_type': 'volume', 'destination_type': 'volume',
       'boot_index': 0, 'uuid': str(uuid.uuid4())}], 'failed to get volume'),
    ([{'source_type': 'bogus'}], 'source_type'),
])
def test_bad_mappings_are_400(cloud, bdms, message):
    for bdm in bdms:
        if bdm['source_type'] == 'image':
            bdm['uuid'] = cloud.image['id']
    resp = _create(cloud, bdms)
    assert resp.status_int == 400, resp.text
    assert message in resp.json['badRequest']['message']
    assert cloud.conductor.sent == []


def test_two_boot_volumes_are_400(cloud):
    resp = _create(cloud, [_boot_from_image(cloud), _boot_from_image(cloud)])
    assert resp.status_int == 400 and 'Boot sequence' in resp.text


def test_a_volume_in_use_cannot_be_booted(cloud):
    vid = _volume(cloud, status='in-use')
    resp = _create(cloud, [{'uuid': vid, 'source_type': 'volume',
                            'destination_type': 'volume', 'boot_index': 0}])
    assert resp.status_int == 400 and "must be 'available'" in resp.text


def test_one_volume_cannot_boot_many_servers(cloud):
    vid = _volume(cloud)
    resp = _create(cloud, [{'uuid': vid, 'source_type': 'volume',
                            'destination_type': 'volume', 'boot_index': 0}],
                   max_count=2)
    assert resp.status_int == 400
    assert 'multiple instances' in resp.text
    assert db_volumes.get(vid)['status'] == 'available'


def test_many_servers_from_an_image_get_a_volume_each(cloud):
    resp = _create(cloud, [_boot_from_image(cloud)], min_count=2,
                   max_count=2)
    assert resp.status_int == 202
    [(_, (uuids, _request), _)] = cloud.conductor.sent
    assert len(uuids) == 2
    for sid in uuids:
        assert len(block_devices.for_instance(sid)) == 1


def _snapshot(cloud, volume_id, status='available'):
    from stratus.db.api import snapshots
    from stratus.db import session
    with session.writer() as s:
        row = snapshots.create(s, {
            'id': str(uuid.uuid4()), 'volume_id': volume_id,
            'project_id': cloud.project_id, 'user_id': 'u',
            'volume_size': 1, 'status': status})
        return row['id']


def test_boot_from_a_snapshot(cloud):
    """Each server gets a volume made from the snapshot (the conductor
    creates it), so several servers may boot from one snapshot."""
    snap = _snapshot(cloud, _volume(cloud))
    resp = _create(cloud, [{'uuid': snap, 'source_type': 'snapshot',
                            'destination_type': 'volume', 'boot_index': 0,
                            'volume_size': 1}], min_count=2, max_count=2)
    assert resp.status_int == 202, resp.text
    [(_, (uuids, _request), _)] = cloud.conductor.sent
    rows = [block_devices.for_instance(sid) for sid in uuids]
    assert len(rows) == 2 and all(
        r[0]['snapshot_id'] == snap and r[0]['volume_id'] is None
        for r in rows)


def test_boot_from_an_unknown_snapshot_is_400(cloud):
    missing = str(uuid.uuid4())
    resp = _create(cloud, [{'uuid': missing, 'source_type': 'snapshot',
                            'destination_type': 'volume', 'boot_index': 0}])
    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        'Block Device Mapping is Invalid: failed to get snapshot %s.'
        % missing)
