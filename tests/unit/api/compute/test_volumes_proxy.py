"""nova's block-storage proxies in-process: os-volumes and os-snapshots
(list, detail, show, create, delete; 404 from 2.36) and the
os-volumes_boot alias of /servers (404 from 2.103), checked against
tempest's compute volumes and snapshots schemas."""
import uuid

import pytest

from support import schemas

from stratus.api.compute import servers as servers_api
from stratus.api.compute import versions
from stratus.common import rpc
from stratus.db.api import images
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volumes as db_volumes
from stratus.db import session

VOLUMES = '/compute/v2.1/os-volumes'
SNAPSHOTS = '/compute/v2.1/os-snapshots'


class Casts:
    def __getattr__(self, method):
        return lambda *args, **kwargs: None


@pytest.fixture
def cloud(monkeypatch, admin):
    monkeypatch.setattr(versions, 'MAX', (2, 104))
    rpc.init(url='fake:/')
    from stratus.api import app as app_module
    admin.app = app_module.build_app()
    monkeypatch.setattr(servers_api.COMPUTE, 'compute_rpc', Casts())
    yield admin
    rpc.init()


def _mv(version='2.1', token=None):
    headers = {'OpenStack-API-Version': 'compute %s' % version}
    if token:
        headers['X-Auth-Token'] = token
    return headers


def _project(cloud, token=None):
    resp = cloud.get('/identity/v3/auth/tokens', headers={
        'X-Subject-Token': token or cloud.token})
    return resp.json['token']['project']['id']


def _volume(cloud, project_id=None, status='available', **values):
    return db_volumes.create(dict({
        'id': str(uuid.uuid4()), 'project_id': project_id or _project(cloud),
        'user_id': 'u', 'size': 1, 'status': status, 'host': 'h@lvm#lvm',
        'availability_zone': 'nova', 'display_name': 'v',
        'display_description': 'd'}, **values), {'k': 'v'})


def _vschema(name):
    return getattr(schemas.compute('volumes', '2.1'), name)


def _sschema(name):
    return getattr(schemas.compute('snapshots', '2.1'), name)


# --- os-volumes ------------------------------------------------------------------
def test_create_show_list_delete(cloud):
    resp = cloud.post(VOLUMES, {'volume': {
        'size': '1', 'display_name': 'proxied', 'display_description': 'd',
        'metadata': {'a': 'b'}}})
    body = schemas.check(_vschema('create_get_volume'), resp)['volume']
    assert (body['size'], body['displayName'], body['metadata'],
            body['attachments']) == (1, 'proxied', {'a': 'b'}, [{}])
    assert resp.headers['Location'].endswith(VOLUMES + '/' + body['id'])
    resp = cloud.get(VOLUMES + '/' + body['id'])
    assert schemas.check(_vschema('create_get_volume'), resp)['volume'][
        'id'] == body['id']
    for path in ('', '/detail'):
        listed = schemas.check(_vschema('list_volumes'),
                               cloud.get(VOLUMES + path))['volumes']
        assert [v['id'] for v in listed] == [body['id']]
    resp = cloud.delete(VOLUMES + '/' + body['id'])
    schemas.check(_vschema('delete_volume'), resp)
    schemas.check_fault(cloud.get(VOLUMES + '/' + body['id']), 404,
                        'itemNotFound')


def test_attached_volume_shows_its_server(cloud):
    vol = _volume(cloud, status='in-use', attach_status='attached')
    server = str(uuid.uuid4())
    from stratus.db.api import volume_attachments
    with session.writer() as s:
        volume_attachments.create(s, vol['id'], {
            'instance_uuid': server, 'mountpoint': '/dev/vdb',
            'attach_status': 'attached'})
    body = schemas.check(_vschema('create_get_volume'),
                         cloud.get(VOLUMES + '/' + vol['id']))['volume']
    assert body['attachments'] == [{'id': vol['id'], 'volumeId': vol['id'],
                                    'serverId': server,
                                    'device': '/dev/vdb'}]
    assert body['status'] == 'in-use'


def test_list_limit_and_offset(cloud):
    made = [_volume(cloud) for _ in range(3)]
    ids = lambda q: [v['id'] for v in cloud.get(VOLUMES + q).json['volumes']]  # noqa
    assert len(ids('?limit=2')) == 2
    assert set(ids('?limit=2') + ids('?offset=2')) == {v['id'] for v in made}
    schemas.check_fault(cloud.get(VOLUMES + '?limit=x'), 400, 'badRequest')


def test_volume_refusals(cloud, demo):
    other = _volume(cloud)
    resp = cloud.get(VOLUMES + '/' + other['id'],
                     headers=_mv(token=demo['token']))
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Volume %s could not be found.' % other['id']
    for body in ({'volume': {}}, {'volume': {'size': 0}},
                 {'volume': {'size': 1, 'bogus': 1}}, {}):
        schemas.check_fault(cloud.post(VOLUMES, body), 400, 'badRequest')
    resp = cloud.post(VOLUMES, {'volume': {'size': 1,
                                           'snapshot_id': 'nope'}})
    schemas.check_fault(resp, 404, 'itemNotFound')
    attached = _volume(cloud, status='in-use', attach_status='attached')
    schemas.check_fault(cloud.delete(VOLUMES + '/' + attached['id']), 400,
                        'badRequest')


@pytest.mark.parametrize('path', ['', '/detail', '/{id}'])
def test_volumes_proxy_is_gone_from_236(cloud, path):
    vol = _volume(cloud)
    url = VOLUMES + path.format(id=vol['id'])
    assert cloud.get(url, headers=_mv('2.35')).status_int == 200
    schemas.check_fault(cloud.get(url, headers=_mv('2.36')), 404,
                        'itemNotFound')
    schemas.check_fault(cloud.post(VOLUMES, {'volume': {'size': 1}},
                                   headers=_mv('2.36')), 404, 'itemNotFound')


# --- os-snapshots ----------------------------------------------------------------
def test_snapshot_create_show_list_delete(cloud):
    vol = _volume(cloud)
    resp = cloud.post(SNAPSHOTS, {'snapshot': {
        'volume_id': vol['id'], 'display_name': 's',
        'display_description': 'sd', 'force': 'false'}})
    body = schemas.check(_sschema('create_get_snapshot'), resp)['snapshot']
    assert (body['volumeId'], body['size'], body['displayName'],
            body['status']) == (vol['id'], 1, 's', 'creating')
    schemas.check(_sschema('create_get_snapshot'),
                  cloud.get(SNAPSHOTS + '/' + body['id']))
    for path in ('', '/detail'):
        listed = schemas.check(_sschema('list_snapshots'),
                               cloud.get(SNAPSHOTS + path))['snapshots']
        assert [s['id'] for s in listed] == [body['id']]
    db_snapshots.update(body['id'], {'status': 'available'})
    resp = cloud.delete(SNAPSHOTS + '/' + body['id'])
    schemas.check(_sschema('delete_snapshot'), resp)
    assert db_snapshots.get(body['id'])['status'] == 'deleting'


def test_snapshot_refusals(cloud):
    in_use = _volume(cloud, status='in-use', attach_status='attached')
    resp = cloud.post(SNAPSHOTS, {'snapshot': {'volume_id': in_use['id']}})
    schemas.check_fault(resp, 400, 'badRequest')
    resp = cloud.post(SNAPSHOTS, {'snapshot': {'volume_id': in_use['id'],
                                               'force': True}})
    assert resp.status_int == 200, resp.text
    resp = cloud.post(SNAPSHOTS, {'snapshot': {'volume_id': in_use['id'],
                                               'force': 'maybe'}})
    schemas.check_fault(resp, 400, 'badRequest')
    resp = cloud.post(SNAPSHOTS, {'snapshot': {
        'volume_id': str(uuid.uuid4())}})
    schemas.check_fault(resp, 404, 'itemNotFound')
    schemas.check_fault(cloud.get(SNAPSHOTS + '/nope'), 404, 'itemNotFound')
    schemas.check_fault(cloud.get(SNAPSHOTS, headers=_mv('2.36')), 404,
                        'itemNotFound')


# --- os-volumes_boot ---------------------------------------------------------------
def test_volumes_boot_is_the_servers_alias_until_2102(cloud):
    image = images.create({
        'id': str(uuid.uuid4()), 'name': 'img', 'status': 'active',
        'visibility': 'public', 'owner': 'x', 'disk_format': 'raw',
        'container_format': 'bare', 'size': 1}, {})
    cloud.post('/compute/v2.1/flavors', {'flavor': {
        'name': 'tiny', 'ram': 64, 'vcpus': 1, 'disk': 1, 'id': '1'}})
    boot = '/compute/v2.1/os-volumes_boot'
    resp = cloud.post(boot, {'server': {'name': 'vm', 'flavorRef': '1',
                                        'imageRef': image['id']}})
    schemas.check(schemas.compute('servers', '2.1')
                  .create_server_with_admin_pass, resp)
    sid = resp.json['server']['id']
    schemas.check(schemas.compute('servers', '2.1').list_servers,
                  cloud.get(boot))
    resp = cloud.get(boot + '/detail', headers=_mv('2.102'))
    assert [s['id'] for s in resp.json['servers']] == [sid]
    schemas.check(schemas.compute('servers', '2.1').get_server,
                  cloud.get(boot + '/' + sid))
    schemas.check_fault(cloud.get(boot + '/' + sid + '/metadata'), 404,
                        'itemNotFound')
    for method, path in (('GET', ''), ('GET', '/detail'),
                         ('GET', '/' + sid), ('DELETE', '/' + sid)):
        resp = cloud.request(method, boot + path, headers=_mv('2.103'))
        schemas.check_fault(resp, 404, 'itemNotFound')
    resp = cloud.delete(boot + '/' + sid)
    assert resp.status_int == 204
