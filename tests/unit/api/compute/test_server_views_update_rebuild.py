"""PUT /servers/{id} and the rebuild action answer with nova's reduced
view below 2.75 and the full show view from then; rebuild carries
key_name from 2.54 and user_data from 2.57. Every answer is checked with
tempest's schema for its microversion and its exact key set."""
import base64

import pytest

from support import schemas
from support.server_cloud import SERVERS, action, cloud, create  # noqa
from support.server_cloud import mv, set_state

VERSIONS = ['2.1', '2.9', '2.19', '2.26', '2.47', '2.54', '2.57', '2.63',
            '2.71', '2.73', '2.75', '2.90', '2.96', '2.98', '2.100']
_BASE = {'id', 'name', 'status', 'tenant_id', 'user_id', 'metadata',
         'hostId', 'image', 'flavor', 'created', 'updated', 'addresses',
         'accessIPv4', 'accessIPv6', 'links', 'OS-DCF:diskConfig',
         'progress'}
# What show adds to the reduced view (for a member, from 2.75).
_FULL = {'OS-EXT-AZ:availability_zone', 'config_drive', 'key_name',
         'OS-SRV-USG:launched_at', 'OS-SRV-USG:terminated_at',
         'security_groups', 'OS-EXT-STS:task_state', 'OS-EXT-STS:vm_state',
         'OS-EXT-STS:power_state', 'os-extended-volumes:volumes_attached'}
_ADMIN = {'OS-EXT-SRV-ATTR:host', 'OS-EXT-SRV-ATTR:hypervisor_hostname',
          'OS-EXT-SRV-ATTR:instance_name'}
_ADMIN_23 = {'OS-EXT-SRV-ATTR:reservation_id',
             'OS-EXT-SRV-ATTR:launch_index', 'OS-EXT-SRV-ATTR:hostname',
             'OS-EXT-SRV-ATTR:kernel_id', 'OS-EXT-SRV-ATTR:ramdisk_id',
             'OS-EXT-SRV-ATTR:root_device_name'}


def _v(version):
    return tuple(int(p) for p in version.split('.'))


def expected_keys(version, rebuild=False):
    """For the admin (tests run as admin)."""
    v = _v(version)
    keys = set(_BASE)
    for since, key in (((2, 9), 'locked'), ((2, 19), 'description'),
                       ((2, 26), 'tags'),
                       ((2, 63), 'trusted_image_certificates'),
                       ((2, 71), 'server_groups'),
                       ((2, 73), 'locked_reason'),
                       ((2, 100), 'scheduler_hints')):
        if v >= since:
            keys.add(key)
    if v >= (2, 75):
        keys |= _FULL | _ADMIN | _ADMIN_23 | {'host_status'}
        if not rebuild:
            keys.add('OS-EXT-SRV-ATTR:user_data')
        if v >= (2, 96):
            keys.add('pinned_availability_zone')
    if rebuild:
        keys.add('adminPass')
        if v >= (2, 54):
            keys.add('key_name')
        if v >= (2, 57):
            keys.add('user_data')
    return keys


@pytest.fixture
def server(cloud):
    data = base64.b64encode(b'echo hi').decode()
    sid = create(cloud, user_data=data).json['server']['id']
    set_state(sid, 'active', host='h1')
    return sid


@pytest.mark.parametrize('version', VERSIONS)
def test_update_view_per_microversion(cloud, server, version):
    resp = cloud.put(SERVERS + '/' + server, {'server': {'name': 'new'}},
                     headers=mv(version))
    schemas.check(schemas.compute('servers', version).update_server, resp)
    body = resp.json['server']
    assert set(body) == expected_keys(version)
    assert body['name'] == 'new'


@pytest.mark.parametrize('version', VERSIONS)
def test_rebuild_view_per_microversion(cloud, server, version):
    resp = action(cloud, server, {'rebuild': {
        'imageRef': cloud.image['id'], 'adminPass': 'pw'}}, version)
    module = schemas.compute('servers', version)
    schemas.check(module.rebuild_server_with_admin_pass, resp)
    body = resp.json['server']
    assert set(body) == expected_keys(version, rebuild=True)
    assert body['adminPass'] == 'pw'
    assert resp.headers['Location'].endswith('/servers/' + server)
    if _v(version) >= (2, 57):
        assert body['user_data'] == base64.b64encode(b'echo hi').decode()


def test_rebuild_replaces_user_data_from_257(cloud, server):
    data = base64.b64encode(b'new').decode()
    resp = action(cloud, server, {'rebuild': {
        'imageRef': cloud.image['id'], 'user_data': data}}, '2.57')
    assert resp.json['server']['user_data'] == data
    resp = action(cloud, server, {'rebuild': {
        'imageRef': cloud.image['id'], 'user_data': data}}, '2.56')
    schemas.check_fault(resp, 400, 'badRequest')


def test_member_sees_no_admin_attributes_from_275(cloud, demo):
    member = dict(mv('2.75'), **{'X-Auth-Token': demo['token']})
    sid = create(cloud, headers={'X-Auth-Token': demo['token']}).json[
        'server']['id']
    resp = cloud.put(SERVERS + '/' + sid, {'server': {'name': 'n'}},
                     headers=member)
    schemas.check(schemas.compute('servers', '2.75').update_server, resp)
    assert set(resp.json['server']) == (_BASE | _FULL | {
        'locked', 'description', 'tags', 'trusted_image_certificates',
        'server_groups', 'locked_reason'})


@pytest.mark.parametrize('body', [
    {'imageRef': 'not-a-uuid'}, {'imageRef': None},
    {'preserve_ephemeral': 'maybe'}])
def test_rebuild_body_is_nova_schema(cloud, server, body):
    body = dict({'imageRef': cloud.image['id']}, **body)
    resp = action(cloud, server, {'rebuild': body})
    schemas.check_fault(resp, 400, 'badRequest')


def test_rebuild_preserve_ephemeral_takes_nova_booleans(cloud, server):
    resp = action(cloud, server, {'rebuild': {
        'imageRef': cloud.image['id'], 'preserve_ephemeral': 'false'}})
    schemas.check(schemas.compute('servers', '2.1')
                  .rebuild_server_with_admin_pass, resp)
