"""os-migrations across microversions: 2.23 migration_type and links,
2.59 uuid, paging and changes-since, 2.66 changes-before, 2.80 user and
project."""
import datetime
import uuid

import pytest

from stratus.db import models
from stratus.db import session

BASE = '/compute/v2.1/os-migrations'
T0 = datetime.datetime(2026, 1, 1)


def _migration(server, minutes, **values):
    when = T0 + datetime.timedelta(minutes=minutes)
    with session.writer() as s:
        row = models.Migration(uuid=str(uuid.uuid4()), instance_uuid=server,
                               created_at=when, **values)
        s.add(row)
        s.flush()
        row.updated_at = when
        return row.uuid


@pytest.fixture
def migrations(compute_v):
    server = str(uuid.uuid4())
    with session.writer() as s:
        s.add(models.Instance(
            uuid=server, project_id='p1', user_id='u1', display_name='vm',
            flavor='{}', vcpus=1, memory_mb=64, root_gb=1,
            vm_state='active'))
    return server, [
        _migration(server, 0, migration_type='resize', status='confirmed',
                   user_id='u1', project_id='p1'),
        _migration(server, 10, migration_type='live-migration',
                   status='running', user_id='u2', project_id='p2'),
        _migration(server, 20, migration_type='migration',
                   status='finished', user_id='u1', project_id='p1'),
    ]


def _uuids(body):
    return [m['uuid'] for m in body['migrations']]


def test_type_and_links_from_223(compute_v, migrations):
    server, _ = migrations
    old = compute_v.get(BASE, version='2.22').json['migrations']
    assert all('migration_type' not in m for m in old)
    new = compute_v.get(BASE, version='2.23').json['migrations']
    assert [m['migration_type'] for m in new] == [
        'migration', 'live-migration', 'resize']
    live = new[1]
    assert live['links'][0]['href'].endswith(
        '/compute/v2.1/servers/%s/migrations/%d' % (server, live['id']))
    assert 'links' not in new[0] and 'uuid' not in new[0]


def test_uuid_paging_and_changes_since_from_259(compute_v, migrations):
    _, ids = migrations
    newest_first = list(reversed(ids))
    body = compute_v.get(BASE + '?limit=2', version='2.59').json
    assert _uuids(body) == newest_first[:2]
    assert body['migrations_links'][0]['href'].endswith(
        '/compute/v2.1/os-migrations?limit=2&marker=%s' % newest_first[1])
    body = compute_v.get(BASE + '?marker=' + newest_first[1],
                         version='2.59').json
    assert _uuids(body) == newest_first[2:]
    assert compute_v.get(BASE + '?marker=nope',
                         version='2.59').status_int == 400
    body = compute_v.get(BASE + '?changes-since=2026-01-01T00:05:00Z',
                         version='2.59').json
    assert _uuids(body) == newest_first[:2]
    assert compute_v.get(BASE + '?changes-since=yesterday',
                         version='2.59').status_int == 400
    # Before 2.59 paging and changes-since are ignored, unknowns too.
    assert len(compute_v.get(BASE + '?limit=1&foo=1',
                             version='2.58').json['migrations']) == 3
    assert compute_v.get(BASE + '?foo=1', version='2.59').status_int == 400


def test_changes_before_from_266(compute_v, migrations):
    _, ids = migrations
    url = BASE + '?changes-before=2026-01-01T00:05:00Z'
    assert compute_v.get(url, version='2.65').status_int == 400
    assert _uuids(compute_v.get(url, version='2.66').json) == ids[:1]
    resp = compute_v.get(url + '&changes-since=2026-01-01T00:10:00Z',
                         version='2.66')
    assert resp.status_int == 400
    assert 'changes-since must be less' in resp.json['badRequest']['message']


def test_user_and_project_from_280(compute_v, migrations):
    _, ids = migrations
    old = compute_v.get(BASE, version='2.79').json['migrations'][0]
    assert 'user_id' not in old and 'project_id' not in old
    assert compute_v.get(BASE + '?user_id=u2',
                         version='2.79').status_int == 400
    body = compute_v.get(BASE + '?user_id=u2', version='2.80').json
    assert _uuids(body) == [ids[1]]
    assert body['migrations'][0]['user_id'] == 'u2'
    assert body['migrations'][0]['project_id'] == 'p2'
    body = compute_v.get(BASE + '?project_id=p1', version='2.80').json
    assert _uuids(body) == [ids[2], ids[0]]
