"""os-simple-tenant-usage from instance records, checked against tempest's
tenant_usages schemas (2.1 and the 2.40 paging variant)."""
import datetime
import json
import uuid

import pytest

from support import schemas

from stratus.db import models
from stratus.db import session

BASE = '/compute/v2.1/os-simple-tenant-usage'
FLAVOR = json.dumps({'name': 'm1.tiny', 'flavorid': '1', 'vcpus': 2,
                     'memory_mb': 512, 'root_gb': 1, 'ephemeral_gb': 0})
NOW = datetime.datetime.utcnow()


def _instance(project_id, launched, terminated=None, created=None):
    server = str(uuid.uuid4())
    with session.writer() as s:
        s.add(models.Instance(
            uuid=server, project_id=project_id, user_id='u',
            display_name='vm', flavor=FLAVOR, vcpus=2, memory_mb=512,
            root_gb=1, ephemeral_gb=1, vm_state='active',
            launched_at=launched, terminated_at=terminated,
            deleted=terminated is not None, created_at=created or launched))
    return server


def _window(hours_back=10):
    start = (NOW - datetime.timedelta(hours=hours_back)).strftime(
        '%Y-%m-%dT%H:%M:%S')
    return '?start=%s&end=%s' % (start, (NOW + datetime.timedelta(
        hours=1)).strftime('%Y-%m-%dT%H:%M:%S'))


@pytest.fixture
def usage(compute_v):
    project = 'usage-' + uuid.uuid4().hex[:8]
    old = _instance(project, NOW - datetime.timedelta(hours=30),
                    NOW - datetime.timedelta(hours=20))
    ended = _instance(project, NOW - datetime.timedelta(hours=5),
                      NOW - datetime.timedelta(hours=3))
    running = _instance(project, NOW - datetime.timedelta(hours=2))
    return project, old, ended, running


@pytest.mark.parametrize('version', ('2.1', '2.35', '2.36', '2.104'))
def test_show_counts_the_instances_of_the_period(compute_v, usage, version):
    project, old, ended, running = usage
    resp = compute_v.request('GET', '%s/%s%s' % (BASE, project, _window()),
                             version=version)
    assert resp.status_int == 200, resp.body
    schemas.check(schemas.compute('tenant_usages', version).get_tenant_usage,
                  resp)
    body = resp.json['tenant_usage']
    servers = {s['instance_id']: s for s in body['server_usages']}
    assert set(servers) == {ended, running}
    assert servers[ended]['state'] == 'terminated'
    assert servers[ended]['uptime'] == 7200
    assert servers[running]['state'] == 'active'
    assert servers[running]['ended_at'] is None
    assert servers[ended]['flavor'] == 'm1.tiny'
    assert servers[ended]['local_gb'] == 2
    assert abs(servers[ended]['hours'] - 2) < 0.01
    assert abs(body['total_vcpus_usage'] - 2 * body['total_hours']) < 0.01


def test_show_of_a_project_without_instances_is_empty(compute_v):
    resp = compute_v.request('GET', BASE + '/nothing-here', version='2.1')
    assert resp.status_int == 200
    assert resp.json == {'tenant_usage': {}}


@pytest.mark.parametrize('version', ('2.1', '2.40', '2.104'))
def test_index_lists_projects_for_admins(compute_v, usage, version):
    project = usage[0]
    resp = compute_v.request('GET', BASE + _window() + '&detailed=1',
                             version=version)
    assert resp.status_int == 200, resp.body
    schemas.check(schemas.compute('tenant_usages', version)
                  .list_tenant_usage, resp)
    mine = [u for u in resp.json['tenant_usages']
            if u['tenant_id'] == project]
    assert len(mine) == 1 and len(mine[0]['server_usages']) == 2
    plain = compute_v.request('GET', BASE + _window(), version=version)
    assert all('server_usages' not in u
               for u in plain.json['tenant_usages'])


def test_paging_from_2_40(compute_v, usage):
    project, old, ended, running = usage
    path = '%s/%s%s&limit=1' % (BASE, project, _window())
    resp = compute_v.request('GET', path, version='2.40')
    schemas.check(schemas.compute('tenant_usages', '2.40').get_tenant_usage,
                  resp)
    assert [s['instance_id'] for s in
            resp.json['tenant_usage']['server_usages']] == [ended]
    (link,) = resp.json['tenant_usage_links']
    assert link['rel'] == 'next' and 'marker=%s' % ended in link['href']
    after = compute_v.request('GET', path + '&marker=' + ended,
                              version='2.40')
    assert [s['instance_id'] for s in
            after.json['tenant_usage']['server_usages']] == [running]
    # Before 2.40 limit is ignored and no links are given.
    resp = compute_v.request('GET', path, version='2.39')
    assert 'tenant_usage_links' not in resp.json
    assert len(resp.json['tenant_usage']['server_usages']) == 2


@pytest.mark.parametrize('query,message', [
    ('?start=yesterday',
     'Invalid datetime string: Datetime is in invalid format'),
    ('?start=2030-01-01T00:00:00&end=2020-01-01T00:00:00',
     'Invalid start time. The start time cannot occur after the end time.'),
])
def test_bad_periods_are_400(compute_v, query, message):
    resp = compute_v.request('GET', BASE + query, version='2.1')
    assert schemas.check_fault(resp, 400, 'badRequest') == message


def test_unknown_marker_and_strict_query(compute_v):
    resp = compute_v.request(
        'GET', BASE + '?marker=nope&start=2020-01-01T00:00:00',
        version='2.40')
    assert (schemas.check_fault(resp, 400, 'badRequest') ==
            'Marker nope could not be found.')
    assert compute_v.request('GET', BASE + '?foo=1',
                             version='2.74').status_int == 200
    resp = compute_v.request('GET', BASE + '?foo=1', version='2.75')
    schemas.check_fault(resp, 400, 'badRequest')


def test_members_see_only_their_project(compute_v, demo):
    token = {'X-Auth-Token': demo['token']}
    resp = compute_v.request('GET', BASE, headers=token, version='2.1')
    schemas.check_fault(resp, 403, 'forbidden')
    resp = compute_v.request('GET', BASE + '/someone-else', headers=token,
                             version='2.1')
    schemas.check_fault(resp, 403, 'forbidden')
    resp = compute_v.request('GET', '%s/%s' % (BASE, demo['project_id']),
                             headers=token, version='2.1')
    assert resp.status_int == 200
