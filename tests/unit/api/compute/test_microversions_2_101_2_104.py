"""Microversions 2.101-2.104: attach answers 202 without a body (2.101);
flavors lose rxtx_factor and OS-FLV-DISABLED:disabled, gain a name filter
and every route without query parameters refuses unknown ones (2.102);
PUT /servers/{id} unpins or re-pins the availability zone (2.104)."""
import datetime
import uuid

import pytest

from support import schemas

from stratus.api.compute import servers as servers_api
from stratus.common import rpc
from stratus.db.api import images
from stratus.db.api import instances
from stratus.db.api import volumes as db_volumes

FLAVORS = '/compute/v2.1/flavors'
SERVERS = '/compute/v2.1/servers'
UNEXPECTED = "Additional properties are not allowed ('x' was unexpected)"


class _Casts:
    def __getattr__(self, method):
        return lambda *args, **kwargs: None


@pytest.fixture
def cloud(compute_v, monkeypatch):
    rpc.init(url='fake:/')
    monkeypatch.setattr(servers_api.COMPUTE, 'compute_rpc', _Casts())
    compute_v.image = images.create({
        'id': str(uuid.uuid4()), 'name': 'img', 'status': 'active',
        'visibility': 'public', 'owner': 'x', 'disk_format': 'raw',
        'container_format': 'bare', 'size': 1}, {})
    compute_v.post(FLAVORS, {'flavor': {
        'name': 'tiny', 'ram': 64, 'vcpus': 1, 'disk': 1, 'id': '1'}})
    compute_v.post(FLAVORS, {'flavor': {
        'name': 'private', 'ram': 64, 'vcpus': 1, 'disk': 1, 'id': 'p1',
        'os-flavor-access:is_public': False}})
    yield compute_v
    rpc.init()


def _server(cloud, host='compute1', zone='nova'):
    resp = cloud.post(SERVERS, {'server': {
        'name': 'vm', 'imageRef': cloud.image['id'], 'flavorRef': '1'}},
        version='2.1')
    assert resp.status_int == 202, resp.text
    sid = resp.json['server']['id']
    instances.update(sid, {'vm_state': 'active', 'task_state': None,
                           'host': host, 'node': host,
                           'availability_zone': zone,
                           'launched_at': datetime.datetime.utcnow()})
    return sid


# --- 2.101 -----------------------------------------------------------------
def test_attach_answers_202_without_body_from_2101(cloud):
    sid = _server(cloud)
    project = cloud.get('/identity/v3/auth/tokens', headers={
        'X-Subject-Token': cloud.token}).json['token']['project']['id']
    vids = [db_volumes.create({
        'id': str(uuid.uuid4()), 'project_id': project, 'user_id': 'u',
        'size': 1, 'status': 'available', 'host': None,
        'availability_zone': 'nova'})['id'] for _ in range(2)]
    path = SERVERS + '/%s/os-volume_attachments' % sid
    resp = cloud.post(path, {'volumeAttachment': {'volumeId': vids[0]}},
                      version='2.100')
    assert resp.status_int == 200 and 'volumeAttachment' in resp.json
    resp = cloud.post(path, {'volumeAttachment': {'volumeId': vids[1]}},
                      version='2.101')
    assert resp.status_int == 202 and resp.body == b''
    assert db_volumes.get(vids[1])['status'] == 'reserved'


# --- 2.102 -----------------------------------------------------------------
def test_flavor_fields_and_create_body_from_2102(cloud):
    old = schemas.check(schemas.compute('flavors', '2.101').create_update_get_flavor_details,
                        cloud.get(FLAVORS + '/1', version='2.101'))['flavor']
    assert {'rxtx_factor', 'OS-FLV-DISABLED:disabled'} <= set(old)
    new = schemas.check(schemas.compute('flavors', '2.102').create_update_get_flavor_details,
                        cloud.get(FLAVORS + '/1', version='2.102'))['flavor']
    assert set(new) == {'id', 'name', 'ram', 'disk', 'vcpus', 'swap',
                        'OS-FLV-EXT-DATA:ephemeral',
                        'os-flavor-access:is_public', 'links',
                        'description', 'extra_specs'}
    detail = schemas.check(
        schemas.compute('flavors', '2.102').list_flavors_details,
        cloud.get(FLAVORS + '/detail', version='2.102'))['flavors']
    assert 'rxtx_factor' not in detail[0]
    body = {'flavor': {'name': 'f2', 'ram': 64, 'vcpus': 1, 'disk': 1,
                       'rxtx_factor': 2.0}}
    assert cloud.post(FLAVORS, body, version='2.101').status_int == 200
    body['flavor']['name'] = 'f3'
    msg = schemas.check_fault(cloud.post(FLAVORS, body, version='2.102'),
                              400, 'badRequest')
    assert "'rxtx_factor' was unexpected" in msg
    del body['flavor']['rxtx_factor']
    created = cloud.post(FLAVORS, body, version='2.102')
    schemas.check(schemas.compute('flavors', '2.102').create_update_get_flavor_details,
                  created)
    assert 'rxtx_factor' not in created.json['flavor']


def test_flavor_name_filter_and_sort_keys_from_2102(cloud):
    for name in ('small', 'smaller', 'big'):
        cloud.post(FLAVORS, {'flavor': {'name': name, 'ram': 64,
                                        'vcpus': 1, 'disk': 1}})
    names = {f['name'] for f in schemas.check(
        schemas.compute('flavors', '2.102').list_flavors,
        cloud.get(FLAVORS + '?name=small', version='2.102'))['flavors']}
    assert names == {'small', 'smaller'}
    names = {f['name'] for f in cloud.get(
        FLAVORS + '/detail?name=^big$', version='2.102').json['flavors']}
    assert names == {'big'}
    msg = schemas.check_fault(cloud.get(FLAVORS + '?name=small',
                                        version='2.101'), 400, 'badRequest')
    assert msg == "Additional properties are not allowed ('name' was " \
        "unexpected)"
    assert cloud.get(FLAVORS + '?sort_key=rxtx_factor',
                     version='2.101').status_int == 200
    schemas.check_fault(cloud.get(FLAVORS + '?sort_key=rxtx_factor',
                                  version='2.102'), 400, 'badRequest')


@pytest.mark.parametrize('path', [
    '/flavors/1', '/flavors/1/os-extra_specs', '/os-availability-zone',
    '/os-availability-zone/detail', '/flavors/p1/os-flavor-access',
    '/os-aggregates',
])
def test_routes_without_query_parameters_refuse_them_from_2102(cloud,
                                                               path):
    url = '/compute/v2.1' + path + '?x=1'
    assert cloud.get(url, version='2.101').status_int == 200
    msg = schemas.check_fault(cloud.get(url, version='2.102'), 400,
                              'badRequest')
    assert msg == UNEXPECTED


def test_server_routes_refuse_query_parameters_from_2102(cloud):
    sid = _server(cloud)
    cloud.post(SERVERS + '/%s/metadata' % sid, {'metadata': {'k': 'v'}})
    group = cloud.post('/compute/v2.1/os-server-groups', {'server_group': {
        'name': 'g', 'policies': ['affinity']}}).json['server_group']['id']
    request_id = cloud.get(SERVERS + '/%s/os-instance-actions' % sid).json[
        'instanceActions'][0]['request_id']
    for path in (SERVERS + '/' + sid, SERVERS + '/%s/metadata' % sid,
                 SERVERS + '/%s/metadata/k' % sid,
                 '/compute/v2.1/os-server-groups/' + group,
                 SERVERS + '/%s/os-instance-actions/%s' % (sid, request_id),
                 '/compute/v2.1/flavors/1/os-extra_specs/nokey'):
        assert cloud.get(path + '?x=1', version='2.101').status_int in (
            200, 404), path
        msg = schemas.check_fault(cloud.get(path + '?x=1', version='2.102'),
                                  400, 'badRequest')
        assert msg == UNEXPECTED, path
    # Routes whose nova schema stays open (tags, attachments) still pass.
    assert cloud.get(SERVERS + '/%s/tags?x=1' % sid,
                     version='2.102').status_int == 200


# --- 2.103 -----------------------------------------------------------------
def test_volumes_boot_is_gone(cloud):
    schemas.check_fault(cloud.get('/compute/v2.1/os-volumes_boot',
                                  version='2.103'), 404, 'itemNotFound')


# --- 2.104 -----------------------------------------------------------------
def _update(cloud, sid, zone, version='2.104'):
    return cloud.put(SERVERS + '/' + sid, {'server': {
        'pinned_availability_zone': zone}}, version=version)


def test_pin_and_unpin_from_2104(cloud):
    sid = _server(cloud)
    msg = schemas.check_fault(_update(cloud, sid, 'nova', '2.103'), 400,
                              'badRequest')
    assert 'pinned_availability_zone' in msg
    update_schema = schemas.compute('servers', '2.104').update_server
    body = schemas.check(update_schema, _update(cloud, sid, None))
    assert body['server']['pinned_availability_zone'] is None
    msg = schemas.check_fault(_update(cloud, sid, 'london'), 409,
                              'conflictingRequest')
    assert msg == ("Server can only be pinned to its current availability "
                   "zone 'nova', but 'london' was requested.")
    body = schemas.check(update_schema, _update(cloud, sid, 'nova'))
    assert body['server']['pinned_availability_zone'] == 'nova'
    # Idempotent; a different zone needs an unpin first.
    assert _update(cloud, sid, 'nova').status_int == 200
    msg = schemas.check_fault(_update(cloud, sid, 'london'), 409,
                              'conflictingRequest')
    assert msg == ('Cannot change pinned availability zone directly. Unpin '
                   'first by setting pinned_availability_zone to null.')
    body = schemas.check(update_schema, _update(cloud, sid, None))
    assert body['server']['pinned_availability_zone'] is None
    shown = cloud.get(SERVERS + '/' + sid, version='2.104').json['server']
    assert shown['pinned_availability_zone'] is None
    schemas.check_fault(_update(cloud, sid, ''), 400, 'badRequest')
    schemas.check_fault(_update(cloud, sid, 5), 400, 'badRequest')


def test_pin_follows_the_hosts_aggregate_zone(cloud):
    from stratus.db.api import aggregates
    from stratus.db.api import services
    services.report(None, {'binary': 'stratus-compute', 'host': 'compute1',
                           'topic': 'compute', 'availability_zone': 'nova'})
    agg = aggregates.create('a1', 'london')
    aggregates.add_host(agg['id'], 'compute1')
    sid = _server(cloud, zone='london')
    body = _update(cloud, sid, 'london').json['server']
    assert body['pinned_availability_zone'] == 'london'
