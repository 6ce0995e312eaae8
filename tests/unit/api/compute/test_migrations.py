"""os-migrations at 2.1: the admin list, its filters and the 2.1 shape."""
import uuid

import pytest

from stratus.db import models
from stratus.db import session

BASE = '/compute/v2.1/os-migrations'
KEYS = {'id', 'instance_uuid', 'source_compute', 'dest_compute',
        'source_node', 'dest_node', 'dest_host', 'old_instance_type_id',
        'new_instance_type_id', 'status', 'created_at', 'updated_at'}


def _migration(instance_uuid, **values):
    with session.writer() as s:
        row = models.Migration(uuid=str(uuid.uuid4()),
                               instance_uuid=instance_uuid, **values)
        s.add(row)
        s.flush()
        return row.id


@pytest.fixture
def migrations(admin):
    admin.post('/compute/v2.1/flavors', {'flavor': {
        'name': 'small', 'ram': 64, 'vcpus': 1, 'disk': 1, 'id': 'small'}})
    admin.post('/compute/v2.1/flavors', {'flavor': {
        'name': 'big', 'ram': 128, 'vcpus': 2, 'disk': 1, 'id': 'big'}})
    servers = [str(uuid.uuid4()), str(uuid.uuid4())]
    with session.writer() as s:
        for server in servers:
            s.add(models.Instance(
                uuid=server, project_id='p', user_id='u', display_name='vm',
                flavor='{}', vcpus=1, memory_mb=64, root_gb=1,
                vm_state='active'))
    ids = [
        _migration(servers[0], migration_type='resize', status='finished',
                   source_compute='c1', dest_compute='c2', source_node='c1',
                   dest_node='c2', old_flavor_id='small',
                   new_flavor_id='big'),
        _migration(servers[1], migration_type='migration',
                   status='migrating', source_compute='c2',
                   dest_compute='c3', old_flavor_id='gone'),
    ]
    return servers, ids


def test_list_answers_the_21_shape(admin, migrations):
    body = admin.get(BASE).json['migrations']
    assert [m['id'] for m in body] == list(reversed(migrations[1]))
    resize = body[1]
    assert set(resize) == KEYS
    assert resize['dest_host'] is None
    assert resize['source_compute'] == 'c1' and resize['dest_node'] == 'c2'
    with session.reader() as s:
        ids = {f.flavorid: f.id for f in s.query(models.Flavor)}
    assert resize['old_instance_type_id'] == ids['small']
    assert resize['new_instance_type_id'] == ids['big']
    assert body[0]['old_instance_type_id'] is None
    assert len(resize['created_at']) == len('2026-01-01T00:00:00.000000')


@pytest.mark.parametrize('query,expected', [
    ('host=c2', [1, 0]), ('host=c1', [0]), ('status=migrating', [1]),
    ('migration_type=resize', [0]), ('source_compute=c2', [1]),
    ('host=nowhere', []),
])
def test_filters(admin, migrations, query, expected):
    body = admin.get(BASE + '?' + query).json['migrations']
    assert [m['id'] for m in body] == [migrations[1][i] for i in expected]


def test_instance_uuid_filter(admin, migrations):
    servers, ids = migrations
    body = admin.get(BASE + '?instance_uuid=' + servers[0]).json
    assert [m['id'] for m in body['migrations']] == [ids[0]]


def test_admin_only(admin, demo, migrations):
    resp = admin.get(BASE, headers={'X-Auth-Token': demo['token']})
    assert resp.status_int == 403
