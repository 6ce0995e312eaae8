"""Extend, snapshot create and get_pools go through stratus-scheduler, as
cinder's volume API sends them to its scheduler: stratus-api checks,
writes the state and casts (or, for get_pools, calls); the scheduler
checks that the volume's own backend has room and casts on, or puts the
state back (an extend with a user message, a snapshot without)."""
import pytest

from support import schemas

from stratus.db.api import volume_quotas
from stratus.db.api import volumes as db_volumes
from stratus.db import session
from stratus.scheduler import filters
from stratus.scheduler import rpcapi as scheduler_rpcapi

VOLUMES = schemas.volume('volumes', '3.71')
# tempest's snapshot schema is the 3.0 body.
SNAPSHOTS = schemas.volume('snapshots', '3.0')
MESSAGES = schemas.volume('messages')
POOLS = schemas.volume('scheduler_stats')
NO_ROOM_MESSAGE = ('extend volume:Could not find any available weighted '
                   'backend.')


@pytest.fixture
def cloud(vcloud, monkeypatch):
    # 'small': one 10 GiB thick pool, so room runs out quickly.
    vcloud.add_backend('small', fake_capacity_gb=10)
    vcloud.create_type('small', volume_backend_name='small')
    loads = []
    real_load = filters.load

    def counting_load(*args, **kwargs):
        loads.append(args)
        return real_load(*args, **kwargs)
    monkeypatch.setattr(filters, 'load', counting_load)
    vcloud.filter_loads = loads
    return vcloud


def _held(cloud, call):
    """Run `call` with the scheduler's casts held back: its result, the
    casts, and whether a filter ran meanwhile (in stratus-api)."""
    del cloud.filter_loads[:]
    cloud.scheduler_rpc.hold = True
    try:
        result = call()
    finally:
        cloud.scheduler_rpc.hold = False
    held, cloud.scheduler_rpc.paused[:] = list(cloud.scheduler_rpc.paused), []
    return result, held, list(cloud.filter_loads)


def _release(cloud, held):
    for ctxt, method, kwargs in held:
        getattr(cloud.scheduler, method)(ctxt, **kwargs)


def _show(cloud, volume_id, user=None):
    return schemas.check(VOLUMES.show_volume, cloud.get(
        '/volumes/%s' % volume_id, user=user))['volume']


def _messages(cloud, resource_id, user=None):
    listed = schemas.check(MESSAGES.list_messages, cloud.get(
        '/messages', version='3.3', user=user))['messages']
    return [m for m in listed if m['resource_uuid'] == resource_id]


def _snapshot(cloud, volume_id, **extra):
    resp = cloud.post('/snapshots', {'snapshot': dict(
        volume_id=volume_id, name='s', **extra)}, version='3.0')
    return schemas.check(SNAPSHOTS.create_snapshot, resp)['snapshot']


def _show_snapshot(cloud, snapshot_id):
    return schemas.check(SNAPSHOTS.show_snapshot, cloud.get(
        '/snapshots/%s' % snapshot_id, version='3.0'))['snapshot']


# --- extend -----------------------------------------------------------------
def test_extend_is_checked_by_the_scheduler(cloud):
    volume = cloud.create_volume(volume_type='small', size=2)
    resp, held, loads = _held(cloud, lambda: cloud.action(
        volume['id'], {'os-extend': {'new_size': 5}}))
    schemas.check(VOLUMES.extend_volume, resp)
    assert resp.body == b'' and loads == []
    assert [h[1] for h in held] == ['extend_volume']
    assert held[0][2]['volume_id'] == volume['id']
    assert held[0][2]['new_size'] == 5 and held[0][2]['reservations']
    assert _show(cloud, volume['id'])['status'] == 'extending'
    _release(cloud, held)
    assert cloud.filter_loads
    shown = _show(cloud, volume['id'])
    assert (shown['status'], shown['size']) == ('available', 5)
    assert _messages(cloud, volume['id']) == []


def test_extend_without_room_is_put_back_with_a_message(cloud, demo,
                                                          caplog):
    volume_quotas.update(demo['project_id'], {'volumes_small': 5,
                                              'gigabytes_small': 100})
    volume = cloud.create_volume(volume_type='small', size=4, user=demo)
    resp, held, _loads = _held(cloud, lambda: cloud.action(
        volume['id'], {'os-extend': {'new_size': 20}}, user=demo))
    schemas.check(VOLUMES.extend_volume, resp)
    assert _show(cloud, volume['id'], user=demo)['status'] == 'extending'
    with session.reader() as s:
        assert volume_quotas.reserved(s, demo['project_id']) == {
            'gigabytes': 16, 'gigabytes_small': 16}
    _release(cloud, held)
    shown = _show(cloud, volume['id'], user=demo)
    assert (shown['status'], shown['size']) == ('available', 4)
    with session.reader() as s:
        assert volume_quotas.reserved(s, demo['project_id']) == {}
    [message] = _messages(cloud, volume['id'], user=demo)
    assert (message['user_message'], message['event_id'],
            message['message_level']) == (
        NO_ROOM_MESSAGE, 'VOLUME_VOLUME_007_003', 'ERROR')
    assert 'Failed to schedule_extend_volume: Cannot place volume %s on ' \
           'host1@small.' % volume['id'] in caplog.text
    # Room enough for 6 more GiB: the extend goes through.
    resp = cloud.action(volume['id'], {'os-extend': {'new_size': 10}},
                        user=demo)
    schemas.check(VOLUMES.extend_volume, resp)
    assert _show(cloud, volume['id'], user=demo)['size'] == 10


def test_extend_in_use_without_room(cloud, caplog):
    volume = cloud.create_volume(volume_type='small', size=4)
    # As an attach leaves it (reset_status refuses in-use without an
    # attachment).
    db_volumes.update(volume['id'], {'status': 'in-use',
                                     'attach_status': 'attached'})
    # Before 3.42 an in-use volume may not grow at all.
    schemas.check_fault(cloud.action(
        volume['id'], {'os-extend': {'new_size': 20}}, version='3.41'),
        400, 'badRequest')
    resp = cloud.action(volume['id'], {'os-extend': {'new_size': 20}},
                        version='3.42')
    schemas.check(VOLUMES.extend_volume, resp)
    shown = _show(cloud, volume['id'])
    assert (shown['status'], shown['size']) == ('in-use', 4)
    assert [m['user_message'] for m in _messages(cloud, volume['id'])] == [
        NO_ROOM_MESSAGE]


def test_extend_of_a_volume_on_a_stopped_backend(cloud):
    volume = cloud.create_volume(volume_type='small', size=1)
    resp = cloud.put('/os-services/disable', {'host': 'host1@small',
                                              'binary': 'cinder-volume'})
    assert resp.json['status'] == 'disabled'
    resp = cloud.action(volume['id'], {'os-extend': {'new_size': 2}})
    schemas.check(VOLUMES.extend_volume, resp)
    shown = _show(cloud, volume['id'])
    assert (shown['status'], shown['size']) == ('available', 1)
    assert [m['user_message'] for m in _messages(cloud, volume['id'])] == [
        NO_ROOM_MESSAGE]


def test_extend_the_driver_fails_leaves_cinder_s_message(cloud):
    volume = cloud.create_volume(volume_type='small', size=1)
    cloud.driver('small').fail_methods.add('extend_volume')
    schemas.check(VOLUMES.extend_volume, cloud.action(
        volume['id'], {'os-extend': {'new_size': 2}}))
    shown = _show(cloud, volume['id'])
    assert (shown['status'], shown['size']) == ('error_extending', 1)
    [message] = _messages(cloud, volume['id'])
    assert (message['user_message'], message['event_id']) == (
        'extend volume:Volume Driver failed to extend volume.',
        'VOLUME_VOLUME_007_010')


def test_extend_beyond_the_type_s_max_size(cloud):
    cloud.create_type('capped', volume_backend_name='small',
                      **{'provisioning:max_vol_size': '5'})
    volume = cloud.create_volume(volume_type='capped', size=2)
    resp, held, _loads = _held(cloud, lambda: cloud.action(
        volume['id'], {'os-extend': {'new_size': 6}}))
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Invalid input received: Specified volume size of '6' is greater "
        "than the maximum allowable size of '5' for volume type 'capped'.")
    assert held == [] and _show(cloud, volume['id'])['status'] == 'available'
    schemas.check(VOLUMES.extend_volume, cloud.action(
        volume['id'], {'os-extend': {'new_size': 5}}))
    assert _show(cloud, volume['id'])['size'] == 5


# --- snapshot create --------------------------------------------------------
def test_snapshot_is_checked_by_the_scheduler(cloud):
    volume = cloud.create_volume(volume_type='small', size=3)
    snapshot, held, loads = _held(cloud, lambda: _snapshot(
        cloud, volume['id']))
    assert snapshot['status'] == 'creating' and loads == []
    assert [h[1] for h in held] == ['create_snapshot']
    assert held[0][2] == {'volume_id': volume['id'],
                          'snapshot_id': snapshot['id']}
    assert _show_snapshot(cloud, snapshot['id'])['status'] == 'creating'
    _release(cloud, held)
    assert cloud.filter_loads
    assert _show_snapshot(cloud, snapshot['id'])['status'] == 'available'


def test_snapshot_without_room_goes_to_error_without_message(cloud, caplog):
    volume = cloud.create_volume(volume_type='small', size=6)
    snapshot = _snapshot(cloud, volume['id'])
    assert snapshot['status'] == 'creating'
    shown = _show_snapshot(cloud, snapshot['id'])
    assert shown['status'] == 'error'
    assert _show(cloud, volume['id'])['status'] == 'available'
    assert _messages(cloud, snapshot['id']) == []
    assert _messages(cloud, volume['id']) == []
    assert 'Failed to schedule_create_snapshot: Cannot place snapshot %s ' \
           'on host1@small.' % snapshot['id'] in caplog.text
    assert snapshot['id'] not in cloud.driver('small').snapshots


# --- get_pools --------------------------------------------------------------
def test_get_pools_is_answered_by_the_scheduler(cloud, monkeypatch):
    asked = []
    real = cloud.scheduler.get_pools

    def get_pools(ctxt, filters=None):
        asked.append(filters)
        return real(ctxt, filters=filters)
    monkeypatch.setattr(cloud.scheduler, 'get_pools', get_pools)
    names = schemas.check(POOLS.get_pools_no_detail, cloud.get(
        '/scheduler-stats/get_pools'))
    assert [p['name'] for p in names['pools']] == [
        'host1@lvmdriver-1#lvmdriver-1', 'host1@lvmdriver-2#lvmdriver-2',
        'host1@small#small']
    detail = schemas.check(POOLS.get_pools_with_detail, cloud.get(
        '/scheduler-stats/get_pools?detail=True&name=host1@small%23small',
        version='3.28'))
    [small] = detail['pools']
    assert small['capabilities']['total_capacity_gb'] == 10
    by_type = cloud.get('/scheduler-stats/get_pools?volume_type=small',
                        version='3.35')
    assert [p['name'] for p in schemas.check(
        POOLS.get_pools_no_detail, by_type)['pools']] == ['host1@small#small']
    assert asked == [{}, {'name': 'host1@small#small'},
                     {'volume_type': 'small'}]


def test_get_pools_unknown_volume_type(cloud):
    resp = cloud.get('/scheduler-stats/get_pools?volume_type=nope',
                     version='3.35')
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Volume type with name nope could not be found.'


def test_api_modules_never_read_the_pools():
    import pathlib
    root = pathlib.Path(__file__).resolve().parents[3]
    text = (root / 'api' / 'volume' / 'pools.py').read_text()
    assert 'backend_pools' not in text and 'scheduler.filters' not in text
    assert 'get_pools' in dir(scheduler_rpcapi.SchedulerRPCClient)


# --- manage -----------------------------------------------------------------
MANAGE = schemas.volume('manage_volume')


def test_manage_is_placed_by_the_scheduler(cloud):
    cloud.driver('small').add_existing('lv-old', 2)
    resp, held, loads = _held(cloud, lambda: cloud.post(
        '/manageable_volumes', {'volume': {
            'host': 'host1@small', 'volume_type': 'small',
            'ref': {'source-name': 'lv-old'}}}, version='3.8'))
    assert resp.status_int == 202
    volume = resp.json['volume']
    assert loads == [] and [h[1] for h in held] == ['manage_existing']
    # The backend named, until the scheduler picks its pool (a moment
    # tempest's schemas, which want a pool, never look at).
    assert cloud.get('/volumes/%s' % volume['id']).json['volume'][
        'os-vol-host-attr:host'] == 'host1@small'
    _release(cloud, held)
    shown = _show(cloud, volume['id'])
    assert (shown['status'], shown['size'], shown['os-vol-host-attr:host']) \
        == ('available', 2, 'host1@small#small')


def test_manage_on_a_backend_the_type_rules_out(cloud, caplog):
    cloud.driver('small').add_existing('lv-other', 1)
    cloud.create_type('elsewhere', volume_backend_name='lvmdriver-1')
    resp = cloud.post('/manageable_volumes', {'volume': {
        'host': 'host1@small#small', 'volume_type': 'elsewhere',
        'ref': {'source-name': 'lv-other'}}}, version='3.8')
    volume = schemas.check(MANAGE.manage_volume, resp)['volume']
    shown = _show(cloud, volume['id'])
    # error_managing, shown as error; cinder leaves no user message.
    assert (shown['status'], shown['os-vol-host-attr:host']) == (
        'error', 'host1@small#small')
    assert _messages(cloud, volume['id']) == []
    assert 'Failed to schedule_manage_existing: Cannot place volume %s on ' \
           'host1@small#small.' % volume['id'] in caplog.text
    assert 'lv-other' in cloud.driver('small').foreign


def test_manage_snapshot_without_room(cloud, caplog):
    volume = cloud.create_volume(volume_type='small', size=6)
    driver = cloud.driver('small')
    driver.add_existing('snap-old', 6,
                        origin='volume-%s' % volume['id'])
    resp = cloud.post('/manageable_snapshots', {'snapshot': {
        'volume_id': volume['id'], 'ref': {'source-name': 'snap-old'}}},
        version='3.8')
    assert resp.status_int == 202, resp.text
    snapshot = resp.json['snapshot']
    assert _show_snapshot(cloud, snapshot['id'])['status'] == 'error'
    assert 'Failed to schedule_manage_existing_snapshot: Cannot place ' \
           'snapshot %s on host1@small.' % snapshot['id'] in caplog.text
    assert 'snap-old' in driver.foreign
