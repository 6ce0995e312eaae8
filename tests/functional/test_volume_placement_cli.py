"""Placement of migrations, retypes and new groups by stratus-scheduler
(as cinder's scheduler places them), with the real openstack CLI against
real daemons (fake driver, backends lvmdriver-1 and lvmdriver-2): the
command is accepted, the scheduler's log shows the decision, and what it
cannot place gets its state back (a user message only for an extend,
as cinder)."""
import time

import pytest

from support import cloud as cloud_support
from support import schemas
from support import volume_waits as wait

SHOW = schemas.volume('volumes', '3.71').show_volume
MESSAGES = schemas.volume('messages')
GV = ('--os-volume-api-version', '3.38')


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


@pytest.fixture(scope='module')
def one(cloud):
    name = wait.name('pl1')
    cloud.cli('volume', 'type', 'create', '--property',
              'volume_backend_name=lvmdriver-1', name)
    return name


def _volume(rest, volume_id):
    return schemas.check(SHOW, rest.get('/volume/v3/volumes/%s' % volume_id,
                                        headers=wait.HEADERS))['volume']


def _until(rest, volume_id, check, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        volume = _volume(rest, volume_id)
        if check(volume):
            return volume
        time.sleep(0.1)
    raise AssertionError('volume %s: %s' % (volume_id, volume))


def _messages(rest, resource_id):
    listed = schemas.check(MESSAGES.list_messages, rest.get(
        '/volume/v3/messages',
        headers={'OpenStack-API-Version': 'volume 3.3'}))['messages']
    return [m['user_message'] for m in listed
            if m['resource_uuid'] == resource_id]


def _log_mentions(cloud, name, text):
    try:
        return text in cloud.log(name)
    except FileNotFoundError:
        return False


def test_migrate_the_scheduler_cannot_place(cloud, rest, one):
    _name, volume_id = wait.create_volume(cloud, rest, '--size', '1',
                                          '--type', one)
    host = _volume(rest, volume_id)['os-vol-host-attr:host']
    other = host.split('#')[0][:-1] + '2'
    cloud.cli('volume', 'migrate', '--host', other, '--lock-volume',
              volume_id)
    shown = _until(rest, volume_id, lambda v: v[
        'os-vol-mig-status-attr:migstat'] == 'error')
    # The lock goes with the failed placement; the volume stays put.
    assert (shown['status'], shown['os-vol-host-attr:host']) == (
        'available', host)
    reason = 'Cannot place volume %s on %s.' % (volume_id, other)
    # cinder's scheduler logs it and records no user message.
    assert _messages(rest, volume_id) == []
    assert _log_mentions(cloud, 'stratus-scheduler.log',
                         'Failed to schedule_migrate_volume_to_host: ' +
                         reason)
    assert not _log_mentions(cloud, 'stratus-api.log', reason)
    cloud.cli('volume', 'delete', volume_id)


def test_retype_never_the_scheduler_cannot_place(cloud, rest, one):
    two = wait.name('pl2')
    cloud.cli('volume', 'type', 'create', '--property',
              'volume_backend_name=lvmdriver-2', two)
    _name, volume_id = wait.create_volume(cloud, rest, '--size', '1',
                                          '--type', one)
    cloud.cli('volume', 'set', '--type', two, '--retype-policy', 'never',
              volume_id)
    shown = _until(rest, volume_id, lambda v: v['status'] == 'available')
    assert shown['volume_type'] == one
    assert _messages(rest, volume_id) == []
    assert _log_mentions(cloud, 'stratus-scheduler.log',
                         'Failed to schedule_retype: No valid backend was '
                         'found. Current backend not valid for volume %s '
                         'with type ' % volume_id)
    cloud.cli('volume', 'delete', volume_id)


def test_group_the_scheduler_cannot_place(cloud, rest):
    nowhere = wait.name('plnone')
    cloud.cli('volume', 'type', 'create', '--property',
              'volume_backend_name=nope', nowhere)
    gtype = wait.name('plgt')
    cloud.cli(*GV, 'volume', 'group', 'type', 'create', gtype)
    group = cloud.cli_json(*GV, 'volume', 'group', 'create',
                           '--volume-group-type', gtype,
                           '--volume-type', nowhere,
                           '--name', wait.name('plg'))
    shown = wait.status(rest, '/groups/%s' % group['ID'], 'group', 'error')
    assert shown['id'] == group['ID']
    assert _log_mentions(cloud, 'stratus-scheduler.log',
                         'Could not find a backend for group %s'
                         % group['ID'])
    cloud.cli(*GV, 'volume', 'group', 'delete', group['ID'])
    wait.status(rest, '/groups/%s' % group['ID'], 'group', 'DELETED')


@pytest.fixture
def demo_room(cloud):
    """demo may hold 5000 GiB for the test (its quota restored after), so
    the 1000 GiB pools, not the quota, are what runs out."""
    project = cloud.cli_json('project', 'show', 'demo')['id']
    rest = cloud_support.Rest(cloud)
    path = '/volume/v3/os-quota-sets/%s' % project
    before = rest.get(path).json()['quota_set']['gigabytes']
    cloud.cli('quota', 'set', '--gigabytes', '5000', 'demo')
    yield cloud_support.Rest(cloud, user='demo')
    cloud.cli('quota', 'set', '--gigabytes', str(before), 'demo')


def test_extend_the_scheduler_finds_no_room_for(cloud, rest, one, demo_room):
    _name, volume_id = wait.create_volume(cloud, demo_room, '--size', '1',
                                          '--type', one, user='demo')
    cloud.cli('volume', 'set', '--size', '1500', volume_id, user='demo')
    shown = _until(rest, volume_id, lambda v: v['status'] == 'available')
    assert shown['size'] == 1
    assert _messages(demo_room, volume_id) == [
        'extend volume:Could not find any available weighted backend.']
    listed = cloud.cli_json('--os-volume-api-version', '3.3', 'volume',
                            'message', 'list', user='demo')
    [mine] = [m for m in listed if m['Resource UUID'] == volume_id]
    assert mine['Event ID'] == 'VOLUME_VOLUME_007_003'
    host = shown['os-vol-host-attr:host'].split('#')[0]
    assert _log_mentions(cloud, 'stratus-scheduler.log',
                         'Failed to schedule_extend_volume: Cannot place '
                         'volume %s on %s.' % (volume_id, host))
    # With room it grows.
    cloud.cli('volume', 'set', '--size', '3', volume_id, user='demo')
    assert _until(rest, volume_id, lambda v: v['size'] == 3)[
        'status'] == 'available'
    cloud.cli('volume', 'delete', volume_id, user='demo')


def test_snapshot_the_scheduler_finds_no_room_for(cloud, rest, one,
                                                  demo_room):
    _name, volume_id = wait.create_volume(cloud, demo_room, '--size', '600',
                                          '--type', one, user='demo')
    snap = cloud.cli_json('volume', 'snapshot', 'create', '--volume',
                          volume_id, wait.name('plsn'), user='demo')
    assert snap['status'] == 'creating'
    shown = wait.snapshot(demo_room, snap['id'], 'error')
    schemas.check(schemas.volume('snapshots').show_snapshot, demo_room.get(
        '/volume/v3/snapshots/%s' % snap['id']))
    assert shown['volume_id'] == volume_id
    # cinder's scheduler leaves no user message for it.
    assert _messages(demo_room, snap['id']) == []
    assert _log_mentions(cloud, 'stratus-scheduler.log',
                         'Failed to schedule_create_snapshot: Cannot place '
                         'snapshot %s on ' % snap['id'])
    cloud.cli('volume', 'snapshot', 'delete', snap['id'], user='demo')
    wait.snapshot(demo_room, snap['id'], 'DELETED')
    cloud.cli('volume', 'delete', volume_id, user='demo')


def test_pool_list_is_answered_by_the_scheduler(cloud, rest):
    pools = cloud.cli_json('volume', 'backend', 'pool', 'list', '--long')
    assert sorted(p['Name'].split('@', 1)[1] for p in pools) == [
        'lvmdriver-1#lvmdriver-1', 'lvmdriver-2#lvmdriver-2']
    schemas.check(schemas.volume('scheduler_stats').get_pools_with_detail,
                  rest.get('/volume/v3/scheduler-stats/get_pools?detail=True',
                           headers=wait.HEADERS))
    resp = rest.get('/volume/v3/scheduler-stats/get_pools?volume_type=nope',
                    headers={'OpenStack-API-Version': 'volume 3.35'})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Volume type with name nope could not be found.'
