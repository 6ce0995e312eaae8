"""os-hypervisors at 2.1: list, detail, show, statistics, search, servers,
uptime; used amounts from allocations; admin only."""
import datetime
import uuid

import pytest

from stratus.db import models
from stratus.db import session
from stratus.db.api import services

BASE = '/compute/v2.1/os-hypervisors'
DETAIL_KEYS = {'id', 'hypervisor_hostname', 'state', 'status', 'vcpus',
               'memory_mb', 'local_gb', 'vcpus_used', 'memory_mb_used',
               'local_gb_used', 'hypervisor_type', 'hypervisor_version',
               'free_ram_mb', 'free_disk_gb', 'current_workload',
               'running_vms', 'disk_available_least', 'host_ip', 'cpu_info',
               'service'}


def _node(host, vcpus=8, memory_mb=16384, local_gb=100):
    service = services.report(None, {'host': host, 'binary':
                                     'stratus-compute', 'topic': 'compute',
                                     'availability_zone': 'nova'})
    with session.writer() as s:
        row = models.ComputeNode(
            uuid=str(uuid.uuid4()), host=host, hypervisor_hostname=host,
            hypervisor_type='fake', hypervisor_version=1000,
            host_ip='192.0.2.1', vcpus=vcpus, memory_mb=memory_mb,
            local_gb=local_gb, cpu_info='{"arch": "x86_64"}',
            # The node's own report: the API shows the allocations instead.
            vcpus_used=99, memory_mb_used=99, running_vms=99)
        s.add(row)
        s.flush()
        return row.id, service['id']


def _server(node, vcpus, memory_mb, disk_gb, deleted=False, name='vm'):
    consumer = str(uuid.uuid4())
    with session.writer() as s:
        s.add(models.Instance(
            uuid=consumer, project_id='p', user_id='u', display_name=name,
            flavor='{}', vcpus=vcpus, memory_mb=memory_mb, root_gb=disk_gb,
            vm_state='active', host=node, node=node, deleted=deleted))
        if not deleted:
            s.add(models.Allocation(consumer_uuid=consumer, node=node,
                                    host=node, vcpus=vcpus,
                                    memory_mb=memory_mb, disk_gb=disk_gb))
    return consumer


@pytest.fixture
def nodes(admin):
    first = _node('node1')
    second = _node('node2', vcpus=4, memory_mb=8192, local_gb=50)
    _server('node1', 2, 2048, 10, name='a')
    _server('node1', 1, 512, 5, name='b')
    _server('node1', 4, 4096, 20, deleted=True)
    return first, second


def test_list_is_basic(admin, nodes):
    body = admin.get(BASE).json['hypervisors']
    assert body == [
        {'id': nodes[0][0], 'hypervisor_hostname': 'node1', 'state': 'up',
         'status': 'enabled'},
        {'id': nodes[1][0], 'hypervisor_hostname': 'node2', 'state': 'up',
         'status': 'enabled'}]


def test_detail_counts_allocations_and_live_servers(admin, nodes):
    body = admin.get(BASE + '/detail').json['hypervisors']
    node = body[0]
    assert set(node) == DETAIL_KEYS
    assert (node['vcpus_used'], node['memory_mb_used'],
            node['local_gb_used']) == (3, 2560, 15)
    assert node['free_ram_mb'] == 16384 - 2560
    assert node['free_disk_gb'] == node['disk_available_least'] == 85
    assert node['running_vms'] == 2 and node['current_workload'] == 0
    assert node['cpu_info'] == '{"arch": "x86_64"}'
    assert node['service'] == {'host': 'node1', 'id': nodes[0][1],
                               'disabled_reason': None}
    assert body[1]['vcpus_used'] == 0 and body[1]['running_vms'] == 0


def test_show_and_missing(admin, nodes):
    node = admin.get(BASE + '/%d' % nodes[1][0]).json['hypervisor']
    assert node['hypervisor_hostname'] == 'node2' and node['vcpus'] == 4
    for bad in ('999', 'node1'):
        resp = admin.get(BASE + '/' + bad)
        assert resp.status_int == 404
        assert resp.json['itemNotFound']['message'] == \
            "Hypervisor with ID '%s' could not be found." % bad


def test_statistics_sum_every_node(admin, nodes):
    stats = admin.get(BASE + '/statistics').json['hypervisor_statistics']
    assert stats == {
        'count': 2, 'vcpus': 12, 'memory_mb': 24576, 'local_gb': 150,
        'vcpus_used': 3, 'memory_mb_used': 2560, 'local_gb_used': 15,
        'free_ram_mb': 24576 - 2560, 'free_disk_gb': 135,
        'current_workload': 0, 'running_vms': 2,
        'disk_available_least': 135}


def test_search_and_servers(admin, nodes):
    found = admin.get(BASE + '/NODE/search').json['hypervisors']
    assert [n['hypervisor_hostname'] for n in found] == ['node1', 'node2']
    assert set(found[0]) == {'id', 'hypervisor_hostname', 'state', 'status'}
    resp = admin.get(BASE + '/nomatch/search')
    assert resp.status_int == 404
    assert resp.json['itemNotFound']['message'] == \
        "No hypervisor matching 'nomatch' could be found."
    body = admin.get(BASE + '/node/servers').json['hypervisors']
    assert [s['name'] for s in body[0]['servers']] == ['a', 'b']
    assert 'servers' not in body[1]


def test_state_and_status_follow_the_service(admin, nodes):
    with session.writer() as s:
        row = s.get(models.Service, nodes[1][1])
        row.disabled, row.disabled_reason = True, 'maint'
        row.updated_at = models.utcnow() - datetime.timedelta(hours=1)
    node = admin.get(BASE + '/%d' % nodes[1][0]).json['hypervisor']
    assert (node['state'], node['status']) == ('down', 'disabled')
    assert node['service']['disabled_reason'] == 'maint'


def test_nodes_without_a_service_are_not_shown(admin, nodes):
    with session.writer() as s:
        s.delete(s.get(models.Service, nodes[1][1]))
    assert [n['hypervisor_hostname'] for n in admin.get(BASE).json[
        'hypervisors']] == ['node1']
    assert admin.get(BASE + '/%d' % nodes[1][0]).status_int == 404


def test_uptime_is_not_implemented(admin, nodes):
    resp = admin.get(BASE + '/%d/uptime' % nodes[0][0])
    assert resp.status_int == 501
    assert admin.get(BASE + '/999/uptime').status_int == 404


def test_empty_cloud(admin):
    assert admin.get(BASE + '/detail').json == {'hypervisors': []}
    assert admin.get(BASE + '/statistics').json[
        'hypervisor_statistics']['count'] == 0


def test_admin_only(admin, demo, nodes):
    as_demo = {'X-Auth-Token': demo['token']}
    for path in ('', '/detail', '/statistics', '/%d' % nodes[0][0],
                 '/node/search', '/node/servers'):
        assert admin.get(BASE + path, headers=as_demo).status_int == 403
