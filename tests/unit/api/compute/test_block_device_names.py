"""device_name in block_device_mapping_v2 as nova takes it: 'vdb' (what
`openstack server create --block-device ...,device_name=vdb` sends) is
fine; only empty names, names over 255 characters and names with spaces
(or other characters outside nova's pattern) are 400s."""
import uuid

import pytest

from support import schemas

from stratus.api.compute import servers as servers_api
from stratus.common import rpc
from stratus.db.api import block_devices
from stratus.db.api import images
from stratus.db.api import volumes as db_volumes

SERVERS = '/compute/v2.1/servers'


class _Casts:
    def __getattr__(self, method):
        return lambda *args, **kwargs: None


@pytest.fixture
def cloud(compute_v, monkeypatch):
    rpc.init(url='fake:/')
    monkeypatch.setattr(servers_api.COMPUTE, 'conductor', _Casts())
    compute_v.image = images.create({
        'id': str(uuid.uuid4()), 'name': 'img', 'status': 'active',
        'visibility': 'public', 'owner': 'x', 'disk_format': 'raw',
        'container_format': 'bare', 'size': 1, 'min_ram': 0}, {})
    compute_v.post('/compute/v2.1/flavors', {'flavor': {
        'name': 'tiny', 'ram': 64, 'vcpus': 1, 'disk': 1, 'id': '1'}})
    compute_v.project_id = compute_v.get(
        '/identity/v3/auth/tokens',
        headers={'X-Subject-Token': compute_v.token}).json['token'][
        'project']['id']
    yield compute_v
    rpc.init()


def _create(cloud, device_name):
    vid = db_volumes.create({
        'id': str(uuid.uuid4()), 'project_id': cloud.project_id,
        'user_id': 'u', 'size': 1, 'status': 'available', 'host': None,
        'availability_zone': 'nova'})['id']
    body = {'name': 'vm', 'flavorRef': '1', 'networks': 'none',
            'imageRef': cloud.image['id'],
            'block_device_mapping_v2': [
                {'uuid': cloud.image['id'], 'source_type': 'image',
                 'destination_type': 'local', 'boot_index': 0,
                 'delete_on_termination': True},
                {'uuid': vid, 'source_type': 'volume',
                 'destination_type': 'volume', 'boot_index': -1,
                 'device_name': device_name}]}
    return cloud.post(SERVERS, {'server': body}, version='2.89')


@pytest.mark.parametrize('given,stored', [
    ('vdb', '/dev/vdb'), ('/dev/vdc', '/dev/vdc'), ('xvdb', '/dev/xvdb'),
    ('sdb1', '/dev/sdb1'), ('disk.2', '/dev/disk.2')])
def test_names_nova_accepts(cloud, given, stored):
    resp = _create(cloud, given)
    # The create answer did not change after 2.1 (tempest's 2.1 schema).
    schemas.check(schemas.compute('servers', '2.1')
                  .create_server_with_admin_pass, resp)
    rows = block_devices.for_instance(resp.json['server']['id'])
    assert [r['device_name'] for r in rows if r['source_type'] ==
            'volume'] == [stored]


@pytest.mark.parametrize('given', ['', 'vd b', 'x' * 256, 'vd$b', None])
def test_names_nova_refuses(cloud, given):
    msg = schemas.check_fault(_create(cloud, given), 400, 'badRequest')
    assert msg.startswith('Invalid input for field/attribute ') and \
        'device_name' in msg
