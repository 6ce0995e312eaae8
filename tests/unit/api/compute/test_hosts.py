"""os-hosts in-process (2.1 to 2.42, 404 from 2.43): list with zones,
show with the host's resources, update and the power actions answered as
nova answers with a driver that implements none of them (501), admin only;
checked against tempest's hosts schemas."""
import uuid

import pytest

from support import schemas

from stratus.api.compute import versions
from stratus.db import models
from stratus.db import session
from stratus.db.api import services

HOSTS = '/compute/v2.1/os-hosts'


def _schema(name):
    return getattr(schemas.compute('hosts', '2.1'), name)


def _mv(version='2.1', token=None):
    headers = {'OpenStack-API-Version': 'compute %s' % version}
    if token:
        headers['X-Auth-Token'] = token
    return headers


@pytest.fixture
def cloud(monkeypatch, admin):
    monkeypatch.setattr(versions, 'MAX', (2, 100))
    from stratus.api import app as app_module
    admin.app = app_module.build_app()
    services.report(None, {'host': 'node1', 'binary': 'stratus-compute',
                           'topic': 'compute'})
    services.report(None, {'host': 'ctl', 'binary': 'stratus-scheduler',
                           'topic': 'scheduler'})
    with session.writer() as s:
        s.add(models.ComputeNode(
            uuid=str(uuid.uuid4()), host='node1', hypervisor_hostname='node1',
            hypervisor_type='fake', hypervisor_version=1000,
            host_ip='192.0.2.1', vcpus=8, memory_mb=16384, local_gb=100,
            cpu_info='{}'))
        for project, vcpus in (('p1', 2), ('p1', 1), ('p2', 4)):
            consumer = str(uuid.uuid4())
            s.add(models.Instance(
                uuid=consumer, project_id=project, user_id='u',
                display_name='vm', flavor='{}', vcpus=vcpus, memory_mb=512,
                root_gb=1, ephemeral_gb=1, vm_state='active', host='node1',
                node='node1'))
            s.add(models.Allocation(consumer_uuid=consumer, node='node1',
                                    host='node1', vcpus=vcpus,
                                    memory_mb=512, disk_gb=2))
    return admin


def test_list_hosts_and_zone_filter(cloud):
    body = schemas.check(_schema('list_hosts'), cloud.get(HOSTS))
    assert {(h['host_name'], h['service'], h['zone'])
            for h in body['hosts']} == {('node1', 'compute', 'nova'),
                                        ('ctl', 'scheduler', 'internal')}
    body = schemas.check(_schema('list_hosts'),
                         cloud.get(HOSTS + '?zone=nova'))
    assert [h['host_name'] for h in body['hosts']] == ['node1']


def test_disabled_services_are_not_listed(cloud):
    [row] = services.service_list(binary='stratus-scheduler')
    services.service_update(row['id'], {'disabled': True})
    body = cloud.get(HOSTS).json
    assert [h['host_name'] for h in body['hosts']] == ['node1']


def test_show_host_resources(cloud):
    body = schemas.check(_schema('get_host_detail'),
                         cloud.get(HOSTS + '/node1'))
    rows = {r['resource']['project']: r['resource'] for r in body['host']}
    assert set(rows) == {'(total)', '(used_now)', '(used_max)', 'p1', 'p2'}
    assert (rows['(total)']['cpu'], rows['(total)']['memory_mb'],
            rows['(total)']['disk_gb']) == (8, 16384, 100)
    assert (rows['(used_now)']['cpu'], rows['(used_now)']['disk_gb']) == \
        (7, 6)
    assert (rows['(used_max)']['cpu'], rows['(used_max)']['memory_mb'],
            rows['(used_max)']['disk_gb']) == (7, 1536, 6)
    assert (rows['p1']['cpu'], rows['p2']['cpu']) == (3, 4)


def test_show_unknown_host_is_404(cloud):
    for host in ('nope', 'ctl'):
        resp = cloud.get(HOSTS + '/' + host)
        assert schemas.check_fault(resp, 404, 'itemNotFound') == \
            "Host '%s' is not mapped to any cell" % host


@pytest.mark.parametrize('action', ['reboot', 'shutdown', 'startup'])
def test_power_actions_are_not_implemented(cloud, action):
    resp = cloud.get(HOSTS + '/node1/' + action)
    assert schemas.check_fault(resp, 501, 'notImplemented') == \
        'Feature not supported.'
    resp = cloud.get(HOSTS + '/nope/' + action)
    schemas.check_fault(resp, 404, 'itemNotFound')


@pytest.mark.parametrize('body', [{'status': 'enable'},
                                  {'maintenance_mode': 'Disable'},
                                  {'status': 'DISABLE',
                                   'maintenance_mode': 'enable'}])
def test_update_is_not_implemented(cloud, body):
    resp = cloud.put(HOSTS + '/node1', body)
    assert schemas.check_fault(resp, 501, 'notImplemented') == \
        'Feature not supported.'
    schemas.check_fault(cloud.put(HOSTS + '/nope', body), 404,
                        'itemNotFound')


@pytest.mark.parametrize('body', [{}, {'status': 'on'}, {'bogus': 'enable'},
                                  {'status': 'enable', 'x': 1}])
def test_update_bad_bodies_are_400(cloud, body):
    schemas.check_fault(cloud.put(HOSTS + '/node1', body), 400,
                        'badRequest')


def test_hosts_are_admin_only(cloud, demo):
    for method, path in (('GET', ''), ('GET', '/node1'),
                         ('GET', '/node1/reboot')):
        resp = cloud.request(method, HOSTS + path,
                             headers=_mv(token=demo['token']))
        schemas.check_fault(resp, 403, 'forbidden')
    resp = cloud.put(HOSTS + '/node1', {'status': 'enable'},
                     headers=_mv(token=demo['token']))
    schemas.check_fault(resp, 403, 'forbidden')


@pytest.mark.parametrize('method,path', [
    ('GET', ''), ('GET', '/node1'), ('GET', '/node1/reboot'),
    ('PUT', '/node1')])
def test_hosts_are_gone_from_243(cloud, method, path):
    resp = cloud.request(method, HOSTS + path, body={'status': 'enable'}
                         if method == 'PUT' else None, headers=_mv('2.43'))
    schemas.check_fault(resp, 404, 'itemNotFound')
    resp = cloud.request(method, HOSTS + path, body={'status': 'enable'}
                         if method == 'PUT' else None, headers=_mv('2.42'))
    assert resp.status_int in (200, 501)
