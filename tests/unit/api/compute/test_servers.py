"""Servers as a client sees them, in-process (RPC over the fake transport:
casts go nowhere, so servers stay BUILD): create validation per
microversion, views per microversion, filters, state checks, metadata,
tags, local delete, project scoping."""
import uuid

import pytest

from stratus.api.compute import versions
from stratus.common import rpc
from stratus.db.api import images
from stratus.db.api import instances

SERVERS = '/compute/v2.1/servers'


@pytest.fixture
def cloud(monkeypatch, admin):
    monkeypatch.setattr(versions, 'MAX', (2, 100))
    rpc.init(url='fake:/')
    from stratus.api import app as app_module
    admin.app = app_module.build_app()
    image = images.create({'id': str(uuid.uuid4()), 'name': 'img',
                           'status': 'active', 'visibility': 'public',
                           'owner': 'x', 'disk_format': 'raw',
                           'container_format': 'bare', 'size': 1},
                          {'kernel_id': 'k1'})
    admin.post('/compute/v2.1/flavors', {'flavor': {
        'name': 'tiny', 'ram': 64, 'vcpus': 1, 'disk': 1, 'id': '1'}})
    admin.post('/compute/v2.1/flavors', {'flavor': {
        'name': 'small', 'ram': 128, 'vcpus': 1, 'disk': 1, 'id': '2'}})
    admin.image = image
    yield admin
    rpc.init()


def _mv(version):
    return {'OpenStack-API-Version': 'compute %s' % version}


def _create(client, version='2.1', headers=None, **server):
    body = {'name': 'vm', 'imageRef': client.image['id'], 'flavorRef': '1'}
    if version >= '2.37' and len(version) == 4:
        body['networks'] = 'none'
    body.update(server)
    return client.post(SERVERS, {'server': body},
                       headers=dict(_mv(version), **(headers or {})))


def test_create_answers_202_with_location_and_password(cloud):
    resp = _create(cloud)
    assert resp.status_int == 202
    server = resp.json['server']
    assert set(server) == {'id', 'links', 'OS-DCF:diskConfig',
                           'security_groups', 'adminPass'}
    assert resp.headers['Location'].endswith('/servers/' + server['id'])
    shown = cloud.get(SERVERS + '/' + server['id']).json['server']
    assert (shown['status'], shown['OS-EXT-STS:task_state']) == (
        'BUILD', 'scheduling')
    actions = cloud.get(SERVERS + '/%s/os-instance-actions' % server['id'])
    assert [a['action'] for a in actions.json['instanceActions']] == [
        'create']


@pytest.mark.parametrize('version,server,field', [
    ('2.1', {'flavorRef': None}, 'flavorRef'),
    ('2.1', {'networks': 'auto'}, 'networks'),
    ('2.1', {'description': 'd'}, 'description'),
    ('2.37', {'networks': 'some'}, 'networks'),
    ('2.57', {'personality': []}, 'personality'),
    ('2.1', {'bogus': 1}, 'bogus'),
    ('2.1', {'min_count': 0}, 'min_count'),
])
def test_bad_bodies_are_400_naming_the_field(cloud, version, server, field):
    resp = _create(cloud, version, **server)
    assert resp.status_int == 400, resp.text
    assert field in resp.json['badRequest']['message']


def test_networks_are_required_from_237(cloud):
    body = {'server': {'name': 'vm', 'imageRef': cloud.image['id'],
                       'flavorRef': '1'}}
    resp = cloud.post(SERVERS, body, headers=_mv('2.37'))
    assert resp.status_int == 400 and 'networks' in resp.text
    assert cloud.post(SERVERS, body, headers=_mv('2.36')).status_int == 202


@pytest.mark.parametrize('server,message', [
    ({'flavorRef': '999'}, 'Flavor 999 could not be found.'),
    ({'imageRef': '3cb9bc59-5699-4588-a4b1-b87f96708bc6'},
     'Image 3cb9bc59-5699-4588-a4b1-b87f96708bc6 could not be found.'),
    ({'key_name': 'nokey'}, 'Invalid key_name provided.'),
    ({'availability_zone': 'mars'}, 'availability zone is not available'),
])
def test_unresolvable_references_are_400(cloud, server, message):
    resp = _create(cloud, **server)
    assert resp.status_int == 400
    assert message in resp.json['badRequest']['message']


def test_quota_is_403_and_min_max_count(cloud):
    project = cloud.get('/identity/v3/projects?name=admin').json[
        'projects'][0]['id']
    cloud.put('/compute/v2.1/os-quota-sets/' + project,
              {'quota_set': {'instances': 2}})
    resp = _create(cloud, min_count=1, max_count=5)
    assert resp.status_int == 202
    assert len(cloud.get(SERVERS).json['servers']) == 1
    resp = _create(cloud, min_count=2, max_count=2)
    assert resp.status_int == 403
    assert 'Quota exceeded for instances' in resp.json['forbidden'][
        'message']


def test_views_follow_the_microversion(cloud):
    sid = _create(cloud, '2.52', description='d', tags=['a']).json[
        'server']['id']
    show = lambda v: cloud.get(SERVERS + '/' + sid,
                               headers=_mv(v)).json['server']
    s21 = show('2.1')
    assert 'locked' not in s21 and 'description' not in s21
    assert s21['flavor']['id'] == '1'
    assert 'OS-EXT-SRV-ATTR:kernel_id' not in s21
    assert show('2.3')['OS-EXT-SRV-ATTR:kernel_id'] == 'k1'
    assert show('2.9')['locked'] is False
    assert show('2.16')['host_status'] == ''
    assert show('2.19')['description'] == 'd'
    assert show('2.26')['tags'] == ['a']
    assert show('2.47')['flavor'] == {
        'vcpus': 1, 'ram': 64, 'disk': 1, 'ephemeral': 0, 'swap': 0,
        'original_name': 'tiny', 'extra_specs': {}}
    assert show('2.71')['server_groups'] == []
    detail = cloud.get(SERVERS + '/detail', headers=_mv('2.71')).json
    assert 'server_groups' not in detail['servers'][0]
    assert show('2.73')['locked_reason'] is None
    assert show('2.98')['image']['properties']['kernel_id'] == 'k1'
    assert show('2.100')['scheduler_hints'] == {}


def test_list_filters(cloud):
    ids = {}
    for name, tags in (('web-1', ['web']), ('web-2', ['web', 'x']),
                       ('db-1', [])):
        ids[name] = _create(cloud, '2.52', name=name, tags=tags).json[
            'server']['id']
    names = lambda q, v='2.1': sorted(s['name'] for s in cloud.get(
        SERVERS + q, headers=_mv(v)).json['servers'])
    assert names('?name=web') == ['web-1', 'web-2']
    assert names('?name=^db') == ['db-1']
    assert names('?status=BUILD') == ['db-1', 'web-1', 'web-2']
    assert names('?status=ACTIVE') == []
    assert names('?tags=web,x', '2.26') == ['web-2']
    assert names('?not-tags-any=web', '2.26') == ['db-1']
    assert names('?status=bogus', '2.37') == []
    assert cloud.get(SERVERS + '?status=bogus',
                     headers=_mv('2.38')).status_int == 400
    assert names('?foo=1', '2.74') == ['db-1', 'web-1', 'web-2']
    assert cloud.get(SERVERS + '?foo=1', headers=_mv('2.75')).status_int \
        == 400
    page = cloud.get(SERVERS + '?limit=2').json
    assert len(page['servers']) == 2 and 'servers_links' in page
    rest = cloud.get(SERVERS + '?marker=%s' % page['servers'][-1]['id'])
    assert len(rest.json['servers']) == 1


def test_actions_check_the_state(cloud):
    sid = _create(cloud).json['server']['id']
    resp = cloud.post(SERVERS + '/%s/action' % sid, {'pause': None})
    assert resp.status_int == 409
    assert "Cannot 'pause' instance %s while it is in vm_state building" \
        % sid in resp.json['conflictingRequest']['message']
    resp = cloud.post(SERVERS + '/%s/action' % sid, {'fly': None})
    assert resp.status_int == 400 and 'fly' in resp.text
    resp = cloud.post(SERVERS + '/%s/action' % sid, {'reboot': {
        'type': 'GENTLE'}})
    assert resp.status_int == 400


def test_locked_servers_refuse_members(cloud, demo):
    member = {'X-Auth-Token': demo['token']}
    sid = _create(cloud, headers=member).json['server']['id']
    instances.update(sid, {'vm_state': 'active', 'task_state': None})
    assert cloud.post(SERVERS + '/%s/action' % sid, {'lock': None}
                      ).status_int == 202
    resp = cloud.post(SERVERS + '/%s/action' % sid, {'os-stop': None},
                      headers=member)
    assert resp.status_int == 409 and 'locked' in resp.text
    # nova: the admin's lock needs the unlock_override policy (403).
    resp = cloud.post(SERVERS + '/%s/action' % sid, {'unlock': None},
                      headers=member)
    assert resp.status_int == 403 and 'unlock_override' in resp.text


def test_metadata_and_tags(cloud):
    import datetime
    sid = _create(cloud, metadata={'a': '1'}).json['server']['id']
    # nova changes metadata only of a launched server in a stable state.
    instances.update(sid, {'vm_state': 'active', 'task_state': None,
                           'launched_at': datetime.datetime.utcnow()})
    url = SERVERS + '/%s/metadata' % sid
    assert cloud.get(url).json == {'metadata': {'a': '1'}}
    assert cloud.post(url, {'metadata': {'b': '2'}}).json == {
        'metadata': {'a': '1', 'b': '2'}}
    assert cloud.put(url + '/c', {'meta': {'c': '3'}}).json == {
        'meta': {'c': '3'}}
    assert cloud.delete(url + '/a').status_int == 204
    assert cloud.get(url + '/a').status_int == 404
    tags = SERVERS + '/%s/tags' % sid
    assert cloud.get(tags).status_int == 404          # before 2.26
    v = _mv('2.26')
    assert cloud.put(tags + '/t1', headers=v).status_int == 201
    assert cloud.put(tags, {'tags': ['t2', 't3']}, headers=v).json == {
        'tags': ['t2', 't3']}
    assert cloud.get(tags + '/t2', headers=v).status_int == 204
    assert cloud.delete(tags + '/t2', headers=v).status_int == 204
    assert cloud.get(tags, headers=v).json == {'tags': ['t3']}


def test_delete_without_host_is_local(cloud):
    sid = _create(cloud).json['server']['id']
    assert cloud.delete(SERVERS + '/' + sid).status_int == 204
    assert cloud.get(SERVERS + '/' + sid).status_int == 404


def test_other_projects_servers_are_404(cloud, demo):
    sid = _create(cloud).json['server']['id']
    member = {'X-Auth-Token': demo['token']}
    assert cloud.get(SERVERS + '/' + sid, headers=member).status_int == 404
    assert cloud.post(SERVERS + '/%s/action' % sid, {'os-stop': None},
                      headers=member).status_int == 404
    assert cloud.get(SERVERS, headers=member).json['servers'] == []


def test_update_name_and_description(cloud):
    sid = _create(cloud).json['server']['id']
    resp = cloud.put(SERVERS + '/' + sid, {'server': {
        'name': 'renamed', 'description': 'x'}}, headers=_mv('2.19'))
    assert resp.json['server']['name'] == 'renamed'
    assert resp.json['server']['description'] == 'x'
    assert cloud.put(SERVERS + '/' + sid, {'server': {'description': 'x'}},
                     headers=_mv('2.18')).status_int == 400


def test_restore_needs_soft_delete_force_delete_does_not(cloud):
    # nova's force_delete checks no state: any server is deleted.
    sid = _create(cloud).json['server']['id']
    resp = cloud.post(SERVERS + '/%s/action' % sid, {'restore': None})
    assert resp.status_int == 409 and "'restore'" in resp.text
    resp = cloud.post(SERVERS + '/%s/action' % sid, {'forceDelete': None})
    assert resp.status_int == 202
    assert cloud.get(SERVERS + '/' + sid).status_int == 404


def test_concurrent_creates_cannot_exceed_the_quota(cloud):
    import threading
    project = cloud.get('/identity/v3/projects?name=admin').json[
        'projects'][0]['id']
    cloud.put('/compute/v2.1/os-quota-sets/' + project,
              {'quota_set': {'instances': 3}})
    codes = []

    def create():
        codes.append(_create(cloud).status_int)
    threads = [threading.Thread(target=create) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [202] * 3 + [403] * 3
    assert len(cloud.get(SERVERS).json['servers']) == 3
