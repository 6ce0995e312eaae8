"""The volume backend scheduler against the database: pools from the
backends' reports, service state, volumes in flight counted, the choice
written on the volume, retries, NoValidBackend with its reasons."""
import datetime
import uuid

import pytest

from stratus.common import exception
from stratus.db.api import backend_pools
from stratus.db.api import services as db_services
from stratus.db.api import volumes as db_volumes
from stratus.db import models
from stratus.db import session
from stratus.scheduler import backend_scheduler
from stratus.scheduler import backend_state


def _stats(pool, total=100, free=100, **extra):
    return {'volume_backend_name': pool, 'vendor_name': 'x',
            'storage_protocol': 'local', 'driver_version': '1',
            'pools': [dict({'pool_name': pool, 'total_capacity_gb': total,
                            'free_capacity_gb': free,
                            'allocated_capacity_gb': total - free,
                            'provisioned_capacity_gb': total - free,
                            'reserved_percentage': 0,
                            'max_over_subscription_ratio': 1.0,
                            'thin_provisioning_support': False,
                            'thick_provisioning_support': True}, **extra)]}


@pytest.fixture
def backends(db):
    def add(name, zone='nova', **stats):
        host = 'node@%s' % name
        db_services.report(None, {'binary': 'stratus-volume', 'host': host,
                                  'topic': 'volume',
                                  'availability_zone': zone})
        backend_pools.report(host, _stats(name, **stats))
        return host
    return add


def _volume(size=1, status='creating', host=None, **values):
    return db_volumes.create(dict({
        'id': str(uuid.uuid4()), 'project_id': 'p', 'user_id': 'u',
        'size': size, 'status': status, 'host': host,
        'availability_zone': 'nova'}, **values))


def _spec(volume, **extra):
    return dict({'volume_id': volume['id'], 'size': volume['size'],
                 'availability_zone': None,
                 'volume_type': {'extra_specs': {}}}, **extra)


def test_load_skips_down_and_disabled_services(backends):
    backends('a')
    host = backends('b')
    backends('c')
    with session.writer() as s:
        s.query(models.Service).filter_by(host=host).update(
            {'disabled': True})
        s.query(models.Service).filter_by(host='node@c').update(
            {'updated_at': datetime.datetime(2000, 1, 1)})
    with session.reader() as s:
        names = [p.name for p in backend_state.load(s)]
    assert names == ['node@a#a']


def test_report_replaces_a_backends_pools(backends):
    backends('a')
    backend_pools.report('node@a', {'pools': [
        {'pool_name': 'p2', 'total_capacity_gb': 'infinite',
         'free_capacity_gb': 'unknown'}]})
    pools = backend_pools.list_pools()
    assert [p['name'] for p in pools] == ['node@a#p2']
    assert pools[0]['total_capacity_gb'] == float('inf')
    assert pools[0]['free_capacity_gb'] == 0.0


def test_choice_is_written_and_counted_by_the_next_request(backends):
    backends('a', total=100, free=100)
    backends('b', total=100, free=60)
    first = _volume(size=50)
    pool = backend_scheduler.schedule_create_volume(None, first['id'],
                                                    _spec(first))
    assert pool == 'node@a#a'
    row = db_volumes.get(first['id'])
    assert row['host'] == 'node@a#a' and row['scheduled_at']
    # a now has 50 free (the first volume is in flight): b (60) wins.
    second = _volume(size=50)
    assert backend_scheduler.schedule_create_volume(
        None, second['id'], _spec(second)) == 'node@b#b'
    third = _volume(size=51)
    with pytest.raises(exception.NoValidBackend) as err:
        backend_scheduler.schedule_create_volume(None, third['id'],
                                                 _spec(third))
    assert err.value.kwargs['reason'] == 'No weighed backends available'
    assert 'CapacityFilter: 2 -> 0 backends' in err.value.details
    assert 'node@a#a: insufficient free space' in err.value.details


def test_finished_volumes_count_until_the_next_report(backends):
    host = backends('a', total=100, free=100)
    # Created after the report: the report cannot include it yet.
    _volume(size=80, status='available', host='node@a#a',
            launched_at=models.utcnow() + datetime.timedelta(seconds=1))
    with session.reader() as s:
        assert backend_state.load(s)[0].free_capacity_gb == 20
    # A later report (its clock after the volume's launch) includes it.
    backend_pools.report(host, _stats('a', free=20))
    with session.writer() as s:
        s.query(models.BackendPool).update({
            'updated_at': models.utcnow() + datetime.timedelta(seconds=2)})
    with session.reader() as s:
        assert backend_state.load(s)[0].free_capacity_gb == 20


def test_retry_excludes_tried_pools_and_stops(backends):
    backends('a')
    backends('b')
    volume = _volume()
    spec = _spec(volume)
    backend_scheduler.populate_retry(spec, volume['id'])
    assert spec['retry'] == {'num_attempts': 1, 'backends': []}
    pool = backend_scheduler.schedule_create_volume(None, volume['id'], spec)
    assert spec['retry']['backends'] == [pool]
    db_volumes.update(volume['id'], {'host': None})
    backend_scheduler.populate_retry(spec, volume['id'])
    second = backend_scheduler.schedule_create_volume(None, volume['id'],
                                                      spec)
    assert second != pool
    backend_scheduler.populate_retry(spec, volume['id'])
    with pytest.raises(exception.NoValidBackend) as err:
        backend_scheduler.populate_retry(spec, volume['id'])
    assert 'Exceeded max scheduling attempts 3' in err.value.message


def test_resource_backend_keeps_snapshots_and_clones_home(backends):
    backends('a', free=10)
    backends('b', free=100)
    volume = _volume()
    assert backend_scheduler.schedule_create_volume(
        None, volume['id'], _spec(volume, resource_backend='node@a')) == \
        'node@a#a'


def test_zone_and_type(backends):
    backends('a', zone='z1')
    backends('b', zone='z2')
    volume = _volume()
    spec = _spec(volume, availability_zone='z2')
    assert backend_scheduler.schedule_create_volume(
        None, volume['id'], spec) == 'node@b#b'
    volume = _volume()
    spec = _spec(volume, volume_type={'extra_specs': {
        'volume_backend_name': 'a'}})
    assert backend_scheduler.schedule_create_volume(
        None, volume['id'], spec) == 'node@a#a'


def test_deleted_volume_is_not_placed(backends):
    backends('a')
    volume = _volume()
    db_volumes.destroy(volume['id'])
    assert backend_scheduler.schedule_create_volume(
        None, volume['id'], _spec(volume)) is None


def test_no_pools_at_all(db):
    volume = _volume()
    with pytest.raises(exception.NoValidBackend) as err:
        backend_scheduler.schedule_create_volume(None, volume['id'],
                                                 _spec(volume))
    assert err.value.details == 'no volume backend pools are reported'
