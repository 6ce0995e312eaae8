"""os-hypervisors across microversions: 2.28 cpu_info object, 2.33
paging, 2.53 uuids with pattern and with_servers, 2.75 servers always
when asked for, 2.88 no statistics."""
import uuid

import pytest

from stratus.db import models
from stratus.db import session
from stratus.db.api import services

BASE = '/compute/v2.1/os-hypervisors'


def _node(host, vcpus=8, memory_mb=16384, local_gb=100):
    service = services.report(None, {'host': host, 'binary':
                                     'stratus-compute', 'topic': 'compute',
                                     'availability_zone': 'nova'})
    with session.writer() as s:
        row = models.ComputeNode(
            uuid=str(uuid.uuid4()), host=host, hypervisor_hostname=host,
            hypervisor_type='fake', hypervisor_version=1000,
            host_ip='192.0.2.1', vcpus=vcpus, memory_mb=memory_mb,
            local_gb=local_gb, cpu_info='{"arch": "x86_64"}')
        s.add(row)
        s.flush()
        return row.id, service['id']


def _server(node, name):
    with session.writer() as s:
        s.add(models.Instance(
            uuid=str(uuid.uuid4()), project_id='p', user_id='u',
            display_name=name, flavor='{}', vcpus=1, memory_mb=64,
            root_gb=1, vm_state='active', host=node, node=node))


@pytest.fixture
def nodes(compute_v):
    first = _node('node1')
    second = _node('node2', vcpus=4, memory_mb=8192, local_gb=50)
    _server('node1', 'a')
    with session.reader() as s:
        return [(row.id, row.uuid, service_id) for row, service_id in (
            (s.get(models.ComputeNode, first[0]), first[1]),
            (s.get(models.ComputeNode, second[0]), second[1]))]


def _service_uuid(service_id):
    with session.reader() as s:
        return s.get(models.Service, service_id).uuid


def test_cpu_info_is_an_object_from_228(compute_v, nodes):
    url = BASE + '/%d' % nodes[0][0]
    assert compute_v.get(url, version='2.27').json['hypervisor'][
        'cpu_info'] == '{"arch": "x86_64"}'
    assert compute_v.get(url, version='2.28').json['hypervisor'][
        'cpu_info'] == {'arch': 'x86_64'}


def test_paging_from_233(compute_v, nodes):
    ids = lambda body: [h['id'] for h in body['hypervisors']]
    body = compute_v.get(BASE + '?limit=1', version='2.33').json
    assert ids(body) == [nodes[0][0]]
    assert body['hypervisors_links'][0]['href'].endswith(
        '/compute/v2.1/os-hypervisors?limit=1&marker=%d' % nodes[0][0])
    body = compute_v.get(BASE + '/detail?limit=1&marker=%d' % nodes[0][0],
                         version='2.33').json
    assert ids(body) == [nodes[1][0]]
    assert body['hypervisors_links'][0]['href'].endswith(
        '/os-hypervisors/detail?limit=1&marker=%d' % nodes[1][0])
    assert compute_v.get(BASE + '?marker=999',
                         version='2.33').status_int == 400
    body = compute_v.get(BASE + '?limit=1', version='2.32').json
    assert len(body['hypervisors']) == 2 and 'hypervisors_links' not in body


def test_uuids_from_253(compute_v, nodes):
    old = compute_v.get(BASE + '/detail', version='2.52').json[
        'hypervisors'][0]
    assert old['id'] == nodes[0][0] and old['service']['id'] == nodes[0][2]
    new = compute_v.get(BASE + '/detail', version='2.53').json[
        'hypervisors'][0]
    assert new['id'] == nodes[0][1]
    assert new['service']['id'] == _service_uuid(nodes[0][2])
    shown = compute_v.get(BASE + '/' + nodes[0][1], version='2.53').json
    assert shown['hypervisor']['hypervisor_hostname'] == 'node1'
    resp = compute_v.get(BASE + '/%d' % nodes[0][0], version='2.53')
    assert resp.status_int == 400
    assert 'Invalid uuid' in resp.json['badRequest']['message']
    assert compute_v.get(BASE + '/' + nodes[0][1],
                         version='2.52').status_int == 404
    body = compute_v.get(BASE + '?limit=1&marker=' + nodes[0][1],
                         version='2.53').json
    assert [h['id'] for h in body['hypervisors']] == [nodes[1][1]]


def test_pattern_and_with_servers_from_253(compute_v, nodes):
    assert compute_v.get(BASE + '/node/search',
                         version='2.52').status_int == 200
    for route in ('/node/search', '/node/servers'):
        assert compute_v.get(BASE + route, version='2.53').status_int == 404
    body = compute_v.get(BASE + '?hypervisor_hostname_pattern=node2',
                         version='2.53').json
    assert [h['hypervisor_hostname'] for h in body['hypervisors']] == [
        'node2']
    assert compute_v.get(BASE + '?hypervisor_hostname_pattern=zz',
                         version='2.53').status_int == 404
    resp = compute_v.get(BASE + '?hypervisor_hostname_pattern=n&limit=1',
                         version='2.53')
    assert resp.status_int == 400
    assert 'Paging over hypervisors' in resp.json['badRequest']['message']
    body = compute_v.get(BASE + '/detail?with_servers=true',
                         version='2.53').json['hypervisors']
    assert [s['name'] for s in body[0]['servers']] == ['a']
    assert 'servers' not in body[1]
    shown = compute_v.get(BASE + '/' + nodes[0][1] + '?with_servers=1',
                          version='2.53').json['hypervisor']
    assert [s['name'] for s in shown['servers']] == ['a']
    assert compute_v.get(BASE + '?with_servers=maybe',
                         version='2.53').status_int == 400
    assert compute_v.get(BASE + '?foo=1', version='2.53').status_int == 400
    assert compute_v.get(BASE + '?foo=1', version='2.52').status_int == 200


def test_servers_always_listed_when_asked_from_275(compute_v, nodes):
    body = compute_v.get(BASE + '?with_servers=true',
                         version='2.75').json['hypervisors']
    assert body[1]['servers'] == []
    body = compute_v.get(BASE, version='2.75').json['hypervisors']
    assert 'servers' not in body[1]


def test_statistics_fields_and_routes_go_at_288(compute_v, nodes):
    old = compute_v.get(BASE + '/' + nodes[0][1], version='2.87').json[
        'hypervisor']
    assert 'vcpus' in old and 'cpu_info' in old and 'uptime' not in old
    new = compute_v.get(BASE + '/' + nodes[0][1], version='2.88').json[
        'hypervisor']
    assert set(new) == {'id', 'hypervisor_hostname', 'state', 'status',
                        'hypervisor_type', 'hypervisor_version', 'host_ip',
                        'service', 'uptime'}
    assert new['uptime'] is None
    detail = compute_v.get(BASE + '/detail', version='2.88').json[
        'hypervisors'][0]
    assert set(detail) == set(new)
    assert compute_v.get(BASE + '/statistics',
                         version='2.87').status_int == 200
    assert compute_v.get(BASE + '/statistics',
                         version='2.88').status_int == 404
    uptime = BASE + '/' + nodes[0][1] + '/uptime'
    assert compute_v.get(uptime, version='2.87').status_int == 501
    assert compute_v.get(uptime, version='2.88').status_int == 404
