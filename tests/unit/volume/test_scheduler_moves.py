"""Retype, migration and group placement are decided by stratus-scheduler,
as cinder's scheduler decides them: stratus-api checks, writes the state
and casts (answering 202 before any filter runs); the scheduler runs the
filters and casts to the backend, or puts the resource's state back."""
import importlib.util
import pathlib

import pytest

from support import schemas
from support.groups import create_group, gcloud, group_type, show  # noqa

from stratus.db.api import volume_quotas
from stratus.db.api import volume_types
from stratus.db import session
from stratus.scheduler import filters
from stratus.scheduler import group_placement
from stratus.scheduler import rpcapi as scheduler_rpcapi

SHOW = schemas.volume('volumes', '3.71').show_volume
MESSAGES = schemas.volume('messages')
ROOT = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture
def cloud(gcloud, monkeypatch):  # noqa: F811
    for manager in gcloud.managers.values():
        manager._volume_rpc = gcloud.volume_rpc
    gcloud.create_type('one', volume_backend_name='lvmdriver-1')
    gcloud.create_type('two', volume_backend_name='lvmdriver-2')
    gcloud.create_type('nowhere', volume_backend_name='nope')
    loads = []
    real_load = filters.load

    def counting_load(*args, **kwargs):
        loads.append(args)
        return real_load(*args, **kwargs)
    monkeypatch.setattr(filters, 'load', counting_load)
    gcloud.filter_loads = loads
    return gcloud


def _held(cloud, call):
    """Run `call` with the scheduler's casts held back; what it returned,
    the casts, and whether any filter ran meanwhile."""
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


def _admin_view(cloud, volume_id):
    return schemas.check(SHOW, cloud.get('/volumes/%s' % volume_id))[
        'volume']


def _messages(cloud, resource_id):
    listed = schemas.check(MESSAGES.list_messages, cloud.get(
        '/messages', version='3.3'))['messages']
    return [m['user_message'] for m in listed
            if m['resource_uuid'] == resource_id]


def _on_backend(cloud, volume_type, backend):
    volume = cloud.create_volume(volume_type=volume_type)
    volume = _admin_view(cloud, volume['id'])
    assert volume['os-vol-host-attr:host'].startswith('host1@' + backend)
    return volume


def test_api_modules_never_run_the_filters():
    assert importlib.util.find_spec('stratus.volume.placement') is None
    assert importlib.util.find_spec('stratus.volume.group_placement') is None
    placement_modules = ('scheduler.volume_moves', 'scheduler.group_placement',
                         'scheduler.weighers', 'scheduler.backend_state',
                         'scheduler.filters.base')
    for folder in ('api', 'volume'):
        for path in (ROOT / folder).rglob('*.py'):
            text = path.read_text()
            for module in placement_modules:
                assert 'stratus.%s' % module not in text and \
                    'from stratus.%s import %s' % tuple(
                        module.rsplit('.', 1)) not in text, (path, module)


def test_migrate_is_placed_by_the_scheduler(cloud):
    volume = cloud.create_volume()
    volume = _admin_view(cloud, volume['id'])
    source = volume['os-vol-host-attr:host']
    other = 'host1@lvmdriver-%s' % ('1' if '@lvmdriver-2' in source else '2')
    resp, held, loads = _held(cloud, lambda: cloud.action(volume['id'], {
        'os-migrate_volume': {'host': other}}))
    assert resp.status_int == 202 and resp.body == b''
    assert loads == [] and [h[1] for h in held] == ['migrate_volume']
    assert held[0][2] == {'volume_id': volume['id'], 'host': other,
                          'force_copy': False}
    shown = _admin_view(cloud, volume['id'])
    assert (shown['os-vol-host-attr:host'],
            shown['os-vol-mig-status-attr:migstat']) == (source, 'starting')
    _release(cloud, held)
    assert cloud.filter_loads
    shown = _admin_view(cloud, volume['id'])
    assert (shown['os-vol-host-attr:host'],
            shown['os-vol-mig-status-attr:migstat'], shown['status']) == (
        other + '#' + other.split('@')[1], 'success', 'available')


def test_migrate_with_no_valid_host_errors_in_the_scheduler(cloud, caplog):
    volume = _on_backend(cloud, 'one', 'lvmdriver-1')
    resp, held, loads = _held(cloud, lambda: cloud.action(volume['id'], {
        'os-migrate_volume': {'host': 'host1@lvmdriver-2',
                              'lock_volume': True}}))
    assert resp.status_int == 202 and loads == []
    shown = _admin_view(cloud, volume['id'])
    assert (shown['status'], shown['os-vol-mig-status-attr:migstat']) == (
        'maintenance', 'starting')
    _release(cloud, held)
    shown = _admin_view(cloud, volume['id'])
    # The lock goes with the failed placement, as cinder's scheduler does.
    assert (shown['status'], shown['os-vol-mig-status-attr:migstat'],
            shown['os-vol-host-attr:host']) == (
        'available', 'error', volume['os-vol-host-attr:host'])
    # cinder's scheduler logs the failure and records no user message.
    assert _messages(cloud, volume['id']) == []
    assert 'Failed to schedule_migrate_volume_to_host: Cannot place volume ' \
           '%s on host1@lvmdriver-2.' % volume['id'] in caplog.text


def test_retype_never_without_a_fit_is_put_back_by_the_scheduler(cloud,
                                                                   demo,
                                                                   caplog):
    volume_quotas.update(demo['project_id'], {'volumes_two': 5,
                                              'gigabytes_two': 50})
    volume = cloud.create_volume(volume_type='one', user=demo)
    resp, held, loads = _held(cloud, lambda: cloud.action(volume['id'], {
        'os-retype': {'new_type': 'two', 'migration_policy': 'never'}},
        user=demo))
    assert resp.status_int == 202 and loads == []
    assert [h[1] for h in held] == ['retype']
    two = volume_types.type_get_by_name_or_id('two')['id']
    assert held[0][2]['new_type_id'] == two
    assert _admin_view(cloud, volume['id'])['status'] == 'retyping'
    with session.reader() as s:
        assert volume_quotas.reserved(s, demo['project_id']) == {
            'volumes_two': 1, 'gigabytes_two': 1}
    _release(cloud, held)
    shown = _admin_view(cloud, volume['id'])
    assert (shown['status'], shown['volume_type']) == ('available', 'one')
    with session.reader() as s:
        assert volume_quotas.reserved(s, demo['project_id']) == {}
    assert _messages(cloud, volume['id']) == []
    assert 'Failed to schedule_retype: No valid backend was found. Current ' \
           'backend not valid for volume %s with type %s, migration not ' \
           'allowed' % (volume['id'], two) in caplog.text


def test_retype_to_a_type_no_backend_offers(cloud, caplog):
    volume = cloud.create_volume(volume_type='one')
    resp = cloud.action(volume['id'], {'os-retype': {
        'new_type': 'nowhere', 'migration_policy': 'on-demand'}})
    assert resp.status_int == 202
    assert _admin_view(cloud, volume['id'])['status'] == 'available'
    nowhere = volume_types.type_get_by_name_or_id('nowhere')['id']
    assert _messages(cloud, volume['id']) == []
    assert 'Failed to schedule_retype: No valid backend was found. No valid ' \
           'backends for volume %s with type %s' % (volume['id'], nowhere) \
           in caplog.text


def test_retype_in_place_is_cast_on_by_the_scheduler(cloud):
    cloud.create_type('one-b', volume_backend_name='lvmdriver-1',
                      multiattach='<is> True')
    volume = _on_backend(cloud, 'one', 'lvmdriver-1')
    resp, held, loads = _held(cloud, lambda: cloud.action(volume['id'], {
        'os-retype': {'new_type': 'one-b'}}))
    assert resp.status_int == 202 and loads == []
    assert _admin_view(cloud, volume['id'])['multiattach'] is False
    _release(cloud, held)
    shown = _admin_view(cloud, volume['id'])
    assert (shown['status'], shown['volume_type'], shown['multiattach'],
            shown['os-vol-host-attr:host']) == (
        'available', 'one-b', True, volume['os-vol-host-attr:host'])


def test_group_is_placed_by_the_scheduler(cloud):
    gtype = group_type(cloud)
    group_id, held, loads = _held(cloud, lambda: create_group(
        cloud, types=('two',), gtype=gtype))
    assert loads == [] and [h[1] for h in held] == ['create_group']
    group = show(cloud, group_id)
    assert group['status'] == 'creating'
    _release(cloud, held)
    group = show(cloud, group_id)
    assert group['status'] == 'available'


def test_group_without_a_backend_goes_to_error_in_the_scheduler(cloud):
    gtype = group_type(cloud)
    group_id, held, loads = _held(cloud, lambda: create_group(
        cloud, types=('one', 'two'), gtype=gtype))
    assert loads == []
    assert show(cloud, group_id)['status'] == 'creating'
    _release(cloud, held)
    assert show(cloud, group_id)['status'] == 'error'
    # cinder writes no user message for a group it cannot place.
    assert _messages(cloud, group_id) == []
    group_id = create_group(cloud, types=('nowhere',), gtype=gtype)
    assert show(cloud, group_id)['status'] == 'error'


def test_group_from_source_asks_the_scheduler_for_capacity(cloud,
                                                           monkeypatch):
    gtype = group_type(cloud)
    source_id = create_group(cloud, types=('one',), gtype=gtype)
    cloud.create_volume(volume_type='one', group_id=source_id,
                        version='3.13', size=3)
    asked = []

    def no_room(backend, request_spec):
        asked.append((backend, request_spec))
        return False
    monkeypatch.setattr(group_placement, 'validate_host_capacity', no_room)
    resp = cloud.post('/groups/action', {'create-from-src': {
        'source_group_id': source_id, 'name': 'copy'}}, version='3.14')
    message = schemas.check_fault(resp, 400, 'badRequest')
    assert message.startswith('Invalid Group: No valid host to create '
                              'group ')
    assert asked == [('host1@lvmdriver-1',
                      {'size': 3, 'availability_zone': 'nova'})]
    monkeypatch.undo()
    assert group_placement.validate_host_capacity(
        'host1@lvmdriver-1', {'size': 3, 'availability_zone': 'nova'})
    assert not group_placement.validate_host_capacity(
        'host1@lvmdriver-1', {'size': 100000, 'availability_zone': 'nova'})


def test_scheduler_client_sends_1_5_and_1_6():
    sent = []

    class Prepared:
        def __init__(self, version):
            self.version = version

        def cast(self, ctxt, method, **kwargs):
            sent.append((self.version, 'cast', method, kwargs))

        def call(self, ctxt, method, **kwargs):
            sent.append((self.version, 'call', method, kwargs))
            return True

    client = scheduler_rpcapi.SchedulerRPCClient()
    client._prepare = lambda since, server=None: Prepared(since)
    assert client.VERSION == '1.6' and client.HISTORY[-1].startswith('1.6 ')
    assert [line.split()[0] for line in client.HISTORY] == [
        '1.%d' % minor for minor in range(7)]
    client.migrate_volume(None, {'id': 'v'}, 'h@b', True)
    client.retype(None, {'id': 'v'}, 't', 'on-demand', ['r'])
    client.create_group(None, {'id': 'g'})
    assert client.validate_host_capacity(None, 'h@b', {'size': 1}) is True
    client.extend_volume(None, {'id': 'v'}, 3, ['r'])
    client.create_snapshot(None, {'id': 'v'}, 's')
    assert client.get_pools(None, {'name': 'p'}) is True
    assert sent == [
        ('1.5', 'cast', 'migrate_volume',
         {'volume_id': 'v', 'host': 'h@b', 'force_copy': True}),
        ('1.5', 'cast', 'retype',
         {'volume_id': 'v', 'new_type_id': 't',
          'migration_policy': 'on-demand', 'reservations': ['r']}),
        ('1.5', 'cast', 'create_group', {'group_id': 'g'}),
        ('1.5', 'call', 'validate_host_capacity',
         {'backend': 'h@b', 'request_spec': {'size': 1}}),
        ('1.6', 'cast', 'extend_volume',
         {'volume_id': 'v', 'new_size': 3, 'reservations': ['r']}),
        ('1.6', 'cast', 'create_snapshot',
         {'volume_id': 'v', 'snapshot_id': 's'}),
        ('1.6', 'call', 'get_pools', {'filters': {'name': 'p'}})]
