"""os-instance-actions across microversions: 2.51 events for members,
2.58 paging, changes-since and updated_at, 2.62 host and hostId, 2.66
changes-before, 2.84 details."""
import datetime
import hashlib
import uuid

import pytest

from stratus.db import models
from stratus.db import session

T0 = datetime.datetime(2026, 1, 1)


@pytest.fixture
def server(compute_v, demo):
    server = str(uuid.uuid4())
    project_id = demo['project_id']
    with session.writer() as s:
        s.add(models.Instance(
            uuid=server, project_id=project_id, user_id='u',
            display_name='vm', flavor='{}', vcpus=1, memory_mb=1, root_gb=1,
            vm_state='active', host='node1', node='node1'))
        for n, action in enumerate(('create', 'stop', 'start')):
            when = T0 + datetime.timedelta(minutes=10 * n)
            row = models.InstanceAction(
                instance_uuid=server, action=action, request_id='req-%d' % n,
                user_id='u', project_id=project_id, start_time=when,
                updated_at=when)
            s.add(row)
            s.flush()
            s.add(models.InstanceActionEvent(
                action_id=row.id, event='compute_%s' % action,
                start_time=when, finish_time=when, result='Success',
                traceback='tb', host='node1', details='it went fine'))
    return server


def _url(server, request_id=''):
    return '/compute/v2.1/servers/%s/os-instance-actions%s' % (
        server, '/' + request_id if request_id else '')


def test_members_see_events_without_traceback_from_251(compute_v, demo,
                                                       server):
    member = {'X-Auth-Token': demo['token']}
    old = compute_v.get(_url(server, 'req-0'), version='2.50',
                        headers=member).json['instanceAction']
    assert 'events' not in old
    new = compute_v.get(_url(server, 'req-0'), version='2.51',
                        headers=member).json['instanceAction']
    assert new['events'][0]['event'] == 'compute_create'
    assert 'traceback' not in new['events'][0]
    admin = compute_v.get(_url(server, 'req-0'), version='2.51').json
    assert admin['instanceAction']['events'][0]['traceback'] == 'tb'


def test_paging_and_updated_at_from_258(compute_v, server):
    old = compute_v.get(_url(server) + '?limit=1', version='2.57').json
    assert len(old['instanceActions']) == 3
    assert 'updated_at' not in old['instanceActions'][0]
    body = compute_v.get(_url(server) + '?limit=2', version='2.58').json
    assert [a['request_id'] for a in body['instanceActions']] == [
        'req-2', 'req-1']
    assert body['instanceActions'][0]['updated_at'] == \
        '2026-01-01T00:20:00.000000'
    assert body['links'][0]['href'].endswith(
        '/servers/%s/os-instance-actions?limit=2&marker=req-1' % server)
    body = compute_v.get(_url(server) + '?marker=req-1',
                         version='2.58').json
    assert [a['request_id'] for a in body['instanceActions']] == ['req-0']
    assert compute_v.get(_url(server) + '?marker=nope',
                         version='2.58').status_int == 400
    shown = compute_v.get(_url(server, 'req-0'), version='2.58').json
    assert 'updated_at' in shown['instanceAction']


def test_changes_since_and_before(compute_v, server):
    since = _url(server) + '?changes-since=2026-01-01T00:05:00Z'
    ids = lambda r: [a['request_id'] for a in r.json['instanceActions']]
    assert ids(compute_v.get(since, version='2.58')) == ['req-2', 'req-1']
    before = _url(server) + '?changes-before=2026-01-01T00:15:00Z'
    assert compute_v.get(before, version='2.65').status_int == 400
    assert ids(compute_v.get(before, version='2.66')) == ['req-1', 'req-0']
    assert compute_v.get(_url(server) + '?foo=1',
                         version='2.57').status_int == 200
    assert compute_v.get(_url(server) + '?foo=1',
                         version='2.58').status_int == 400


def test_host_and_host_id_from_262(compute_v, demo, server):
    member = {'X-Auth-Token': demo['token']}
    expected = hashlib.sha224(
        (demo['project_id'] + 'node1').encode()).hexdigest()
    old = compute_v.get(_url(server, 'req-1'), version='2.61').json
    assert 'hostId' not in old['instanceAction']['events'][0]
    event = compute_v.get(_url(server, 'req-1'), version='2.62').json[
        'instanceAction']['events'][0]
    assert event['host'] == 'node1' and event['hostId'] == expected
    event = compute_v.get(_url(server, 'req-1'), version='2.62',
                          headers=member).json['instanceAction']['events'][0]
    assert 'host' not in event and event['hostId'] == expected


def test_details_for_admins_from_284(compute_v, demo, server):
    member = {'X-Auth-Token': demo['token']}
    event = lambda version, headers=None: compute_v.get(
        _url(server, 'req-2'), version=version, headers=headers).json[
        'instanceAction']['events'][0]
    assert 'details' not in event('2.83')
    assert event('2.84')['details'] == 'it went fine'
    assert 'details' not in event('2.84', member)
