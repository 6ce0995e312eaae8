"""os-services across microversions: 2.11 forced_down and force-down,
2.53 uuids and PUT /os-services/{uuid}, 2.75 strict list query."""
import uuid

import pytest

from stratus.db import models
from stratus.db import session
from stratus.db.api import services

BASE = '/compute/v2.1/os-services'
COMPUTE = {'binary': 'stratus-compute', 'host': 'node1', 'topic': 'compute',
           'availability_zone': 'nova'}
SCHEDULER = {'binary': 'stratus-scheduler', 'host': 'ctl',
             'topic': 'scheduler', 'availability_zone': 'internal'}


@pytest.fixture
def compute(compute_v):
    services.report(None, SCHEDULER)
    return services.report(None, COMPUTE)


def _row(api, version, binary='nova-compute'):
    rows = api.get(BASE + '?binary=' + binary, version=version).json
    return rows['services'][0]


def test_forced_down_from_211(compute_v, compute):
    assert 'forced_down' not in _row(compute_v, '2.10')
    assert _row(compute_v, '2.11')['forced_down'] is False
    body = {'host': 'node1', 'binary': 'nova-compute',
            'forced_down': True}
    assert compute_v.put(BASE + '/force-down', body,
                         version='2.10').status_int in (400, 404)
    resp = compute_v.put(BASE + '/force-down', body, version='2.11')
    assert resp.status_int == 200, resp.text
    assert resp.json == {'service': {'host': 'node1',
                                     'binary': 'nova-compute',
                                     'forced_down': True}}
    row = _row(compute_v, '2.11')
    assert row['forced_down'] is True and row['state'] == 'down'
    resp = compute_v.put(BASE + '/force-down', {
        'host': 'node1', 'binary': 'nova-compute'}, version='2.11')
    assert resp.status_int == 400
    assert 'Missing forced_down' in resp.json['badRequest']['message']


def test_only_compute_services_are_updated(compute_v, compute):
    resp = compute_v.put(BASE + '/disable', {
        'host': 'ctl', 'binary': 'nova-scheduler'}, version='2.1')
    assert resp.status_int == 400
    assert 'Only nova-compute' in resp.json['badRequest']['message']
    scheduler = _row(compute_v, '2.53', 'nova-scheduler')
    resp = compute_v.put(BASE + '/' + scheduler['id'],
                         {'status': 'disabled'}, version='2.53')
    assert resp.status_int == 400


def test_uuid_ids_from_253(compute_v, compute):
    assert _row(compute_v, '2.52')['id'] == compute['id']
    assert _row(compute_v, '2.53')['id'] == compute['uuid']


def test_put_by_uuid_from_253(compute_v, compute):
    url = BASE + '/' + compute['uuid']
    resp = compute_v.put(url, {'status': 'disabled',
                               'disabled_reason': 'maint'}, version='2.53')
    assert resp.status_int == 200, resp.text
    service = resp.json['service']
    assert service['id'] == compute['uuid']
    assert service['status'] == 'disabled'
    assert service['disabled_reason'] == 'maint'
    assert set(service) == {'id', 'binary', 'host', 'zone', 'status',
                            'state', 'updated_at', 'disabled_reason',
                            'forced_down'}
    resp = compute_v.put(url, {'forced_down': 'true'}, version='2.53')
    assert resp.json['service']['forced_down'] is True
    assert resp.json['service']['status'] == 'disabled'
    resp = compute_v.put(url, {'status': 'enabled'}, version='2.53')
    assert resp.json['service']['disabled_reason'] is None


@pytest.mark.parametrize('body,needle', [
    ({}, 'No updates were requested'),
    ({'disabled_reason': 'x'}, 'No updates were requested'),
    ({'status': 'enabled', 'disabled_reason': 'x'}, 'is invalid'),
    ({'status': 'off'}, 'status'),
    ({'forced_down': 'maybe'}, 'forced_down'),
    ({'host': 'node1'}, 'host'),
])
def test_bad_253_bodies_are_400(compute_v, compute, body, needle):
    resp = compute_v.put(BASE + '/' + compute['uuid'], body, version='2.53')
    assert resp.status_int == 400
    assert needle in resp.json['badRequest']['message']


def test_old_actions_and_ids_give_way_at_253(compute_v, compute):
    body = {'host': 'node1', 'binary': 'nova-compute'}
    resp = compute_v.put(BASE + '/disable', body, version='2.53')
    assert resp.status_int == 400
    assert 'Invalid uuid disable' in resp.json['badRequest']['message']
    assert compute_v.put(BASE + '/' + str(uuid.uuid4()), {
        'status': 'enabled'}, version='2.53').status_int == 404
    assert compute_v.delete(BASE + '/%d' % compute['id'],
                            version='2.53').status_int == 400
    assert compute_v.delete(BASE + '/' + compute['uuid'],
                            version='2.52').status_int == 400
    assert compute_v.delete(BASE + '/' + compute['uuid'],
                            version='2.53').status_int == 204


def test_a_compute_hosting_servers_is_not_deleted(compute_v, compute):
    with session.writer() as s:
        s.add(models.Instance(
            uuid=str(uuid.uuid4()), project_id='p', user_id='u',
            display_name='vm', flavor='{}', vcpus=1, memory_mb=64,
            root_gb=1, vm_state='active', host='node1', node='node1'))
    resp = compute_v.delete(BASE + '/%d' % compute['id'], version='2.1')
    assert resp.status_int == 409
    assert 'hosting instances' in resp.json['conflictingRequest']['message']


def test_unknown_query_parameters_400_from_275(compute_v, compute):
    assert compute_v.get(BASE + '?foo=1', version='2.74').status_int == 200
    resp = compute_v.get(BASE + '?foo=1', version='2.75')
    assert resp.status_int == 400
    assert "'foo' was unexpected" in resp.json['badRequest']['message']
    assert compute_v.get(BASE + '?host=node1',
                         version='2.75').status_int == 200
