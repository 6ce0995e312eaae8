"""os-retype (in place on the same backend; on-demand migration to
another; never refused), os-migrate_volume (host-assisted copy, the row
keeps its id and takes the destination's object as name_id) and
os-migrate_volume_completion, with cinder's checks."""
import uuid

import pytest

from support import schemas

from stratus.db.api import volume_quotas
from stratus.db.api import volume_types
from stratus.db.api import volumes as db_volumes

SCHEMA = schemas.volume('volumes')
SHOW = schemas.volume('volumes', '3.71').show_volume
DATA = b'\x07payload' * 512


@pytest.fixture
def cloud(vcloud):
    # A migration's source asks the destination through the same
    # loopback RPC.
    for manager in vcloud.managers.values():
        manager._volume_rpc = vcloud.volume_rpc
    vcloud.create_type('one', volume_backend_name='lvmdriver-1')
    vcloud.create_type('one-b', volume_backend_name='lvmdriver-1')
    vcloud.create_type('two', volume_backend_name='lvmdriver-2')
    return vcloud


def _admin_view(vcloud, volume_id):
    resp = vcloud.get('/volumes/%s' % volume_id)
    return schemas.check(SHOW, resp)['volume']


def _with_data(vcloud, volume_type, user=None):
    volume = vcloud.create_volume(volume_type=volume_type, user=user)
    volume = _admin_view(vcloud, volume['id'])
    vcloud.driver_of(volume).volumes[volume['id']]['data'] = DATA
    return volume


def _data(vcloud, volume):
    driver = vcloud.driver_of(volume)
    name_id = volume['os-vol-mig-status-attr:name_id'] or volume['id']
    return driver.volumes[name_id]['data']


def test_retype_in_place_moves_the_quota(cloud, demo):
    volume = _with_data(cloud, 'one', user=demo)
    resp = cloud.action(volume['id'], {'os-retype': {
        'new_type': 'one-b', 'migration_policy': 'never'}}, user=demo)
    schemas.check(SCHEMA.retype_volume, resp)
    shown = _admin_view(cloud, volume['id'])
    assert (shown['volume_type'], shown['status'],
            shown['os-vol-host-attr:host']) == (
        'one-b', 'available', volume['os-vol-host-attr:host'])
    assert shown['os-vol-mig-status-attr:name_id'] is None
    from stratus.db import session
    with session.reader() as s:
        usage = volume_quotas.usage(s, demo['project_id'])
    assert (usage['volumes_one'], usage['volumes_one-b'],
            usage['gigabytes_one-b']) == (0, 1, 1)


def test_retype_never_to_another_backend(cloud):
    volume = _with_data(cloud, 'one')
    resp = cloud.action(volume['id'], {'os-retype': {'new_type': 'two'}})
    schemas.check(SCHEMA.retype_volume, resp)
    shown = _admin_view(cloud, volume['id'])
    assert (shown['volume_type'], shown['status']) == ('one', 'available')
    two = volume_types.type_get_by_name_or_id('two')['id']
    # cinder's scheduler only logs a retype it cannot place.
    messages = cloud.get('/messages').json['messages']
    assert [m['user_message'] for m in messages
            if m['resource_uuid'] == volume['id']] == []
    assert two


def test_retype_on_demand_migrates(cloud):
    volume = _with_data(cloud, 'one')
    source_driver = cloud.driver_of(volume)
    resp = cloud.action(volume['id'], {'os-retype': {
        'new_type': 'two', 'migration_policy': 'on-demand'}})
    schemas.check(SCHEMA.retype_volume, resp)
    shown = _admin_view(cloud, volume['id'])
    assert (shown['volume_type'], shown['status'],
            shown['os-vol-host-attr:host'],
            shown['os-vol-mig-status-attr:migstat']) == (
        'two', 'available', 'host1@lvmdriver-2#lvmdriver-2', 'success')
    name_id = shown['os-vol-mig-status-attr:name_id']
    assert name_id and name_id != volume['id']
    assert _data(cloud, shown) == DATA
    assert volume['id'] not in source_driver.volumes
    # The temporary row is gone: one volume, counted once.
    listed = cloud.get('/volumes?all_tenants=1').json['volumes']
    assert [v['id'] for v in listed] == [volume['id']]


def test_retype_refusals(cloud):
    volume = _with_data(cloud, 'one')
    resp = cloud.action(volume['id'], {'os-retype': {'new_type': 'one'}})
    assert schemas.check_fault(resp, 400, 'badRequest').startswith(
        'Invalid volume: Retype needs volume to be in available or in-use '
        'state, not be part of an active migration')
    resp = cloud.action(volume['id'], {'os-retype': {'new_type': 'nope'}})
    schemas.check_fault(resp, 404, 'itemNotFound')
    resp = cloud.action(volume['id'], {'os-retype': {
        'new_type': 'two', 'migration_policy': 'sometimes'}})
    schemas.check_fault(resp, 400, 'badRequest')
    resp = cloud.action(volume['id'], {'os-retype': {}})
    schemas.check_fault(resp, 400, 'badRequest')
    db_volumes.update(volume['id'], {'status': 'error'})
    resp = cloud.action(volume['id'], {'os-retype': {'new_type': 'one-b'}})
    schemas.check_fault(resp, 400, 'badRequest')


def test_retype_with_snapshots_cannot_migrate(cloud):
    volume = _with_data(cloud, 'one')
    cloud.post('/snapshots', {'snapshot': {'volume_id': volume['id']}})
    resp = cloud.action(volume['id'], {'os-retype': {
        'new_type': 'two', 'migration_policy': 'on-demand'}})
    schemas.check(SCHEMA.retype_volume, resp)
    shown = _admin_view(cloud, volume['id'])
    assert (shown['volume_type'], shown['status']) == ('one', 'available')


def test_migrate_needs_a_destination_the_type_allows(cloud):
    volume = _with_data(cloud, 'one')
    resp = cloud.action(volume['id'], {'os-migrate_volume': {
        'host': 'host1@lvmdriver-2', 'lock_volume': True}})
    assert resp.status_int == 202
    shown = _admin_view(cloud, volume['id'])
    assert (shown['os-vol-host-attr:host'], shown['status'],
            shown['os-vol-mig-status-attr:migstat']) == (
        volume['os-vol-host-attr:host'], 'available', 'error')


def test_migrate_volume(cloud, demo):
    volume = _with_data(cloud, None, user=demo)
    if volume['os-vol-host-attr:host'].startswith('host1@lvmdriver-2'):
        cloud.action(volume['id'], {'os-migrate_volume': {
            'host': 'host1@lvmdriver-1'}})
        volume = _admin_view(cloud, volume['id'])
    body = {'os-migrate_volume': {'host': 'host1@lvmdriver-2'}}
    schemas.check_fault(cloud.action(volume['id'], body, user=demo), 403,
                        'forbidden')
    resp = cloud.action(volume['id'], {'os-migrate_volume': {
        'host': 'host1@nowhere'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Invalid host: No available service named 'host1@nowhere'")
    resp = cloud.action(volume['id'], {'os-migrate_volume': {
        'host': volume['os-vol-host-attr:host']}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid volume: Volume %s status must be available or in-use, '
        'must not be migrating, have snapshots, be replicated, be part of a '
        'group and destination host/cluster must be different than the '
        'current one' % volume['id'])
    resp = cloud.action(volume['id'], {'os-migrate_volume': {}},
                        version='3.16')
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid input received: One and only one of cluster and host must '
        'be set.')
    resp = cloud.action(volume['id'], {'os-migrate_volume': {'host': ''}},
                        version='3.15')
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid input received: Host field is missing.')
    resp = cloud.action(volume['id'], body)
    assert resp.status_int == 202 and resp.body == b''
    shown = _admin_view(cloud, volume['id'])
    assert (shown['os-vol-host-attr:host'], shown['status'],
            shown['volume_type'],
            shown['os-vol-mig-status-attr:migstat']) == (
        'host1@lvmdriver-2#lvmdriver-2', 'available', '__DEFAULT__',
        'success')
    assert _data(cloud, shown) == DATA
    # The owner still sees and uses it under its id.
    assert cloud.show(volume['id'], user=demo)['status'] == 'available'
    assert cloud.delete('/volumes/%s' % volume['id'],
                        user=demo).status_int == 202
    assert shown['os-vol-mig-status-attr:name_id'] not in \
        cloud.driver_of(shown).volumes


def test_migrate_completion_checks(cloud):
    source = _with_data(cloud, 'one')
    target = _with_data(cloud, 'two')
    body = {'os-migrate_volume_completion': {'new_volume': target['id']}}
    resp = cloud.action(source['id'], body)
    assert resp.status_int == 200
    assert resp.json == {'save_volume_id': target['id']}
    db_volumes.update(target['id'], {'migration_status': 'target:other'})
    resp = cloud.action(source['id'], body)
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid volume: Source volume not mid-migration.')
    db_volumes.update(source['id'], {'migration_status': 'migrating'})
    resp = cloud.action(source['id'], body)
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid volume: Destination has migration_status target:other, '
        'expected target:%s.' % source['id'])
    resp = cloud.action(source['id'], {'os-migrate_volume_completion': {
        'new_volume': str(uuid.uuid4())}})
    schemas.check_fault(resp, 404, 'itemNotFound')
    resp = cloud.action(source['id'], {'os-migrate_volume_completion': {
        'new_volume': 'not-a-uuid'}})
    schemas.check_fault(resp, 400, 'badRequest')


def test_restart_recovers_cut_short_actions(cloud):
    from stratus.volume import actions_recovery
    uploading = _with_data(cloud, None)
    retyping = _with_data(cloud, None)
    migrating = _with_data(cloud, None)
    db_volumes.update(uploading['id'], {'status': 'uploading',
                                        'previous_status': 'available'})
    db_volumes.update(retyping['id'], {'status': 'retyping',
                                       'previous_status': 'available'})
    db_volumes.update(migrating['id'], {'status': 'maintenance',
                                        'previous_status': 'available',
                                        'migration_status': 'migrating'})
    for backend in ('host1@lvmdriver-1', 'host1@lvmdriver-2'):
        actions_recovery.recover(backend)
    assert [(v['status'], v['migration_status']) for v in (
        db_volumes.get(uploading['id']), db_volumes.get(retyping['id']),
        db_volumes.get(migrating['id']))] == [
        ('available', None), ('available', None), ('available', 'error')]


def test_migration_actions_are_admin_only(cloud, demo):
    volume = _with_data(cloud, None, user=demo)
    for body in ({'os-migrate_volume_completion': {
                  'new_volume': volume['id']}},
                 {'os-force_delete': {}},
                 {'os-reset_status': {'status': 'error'}}):
        schemas.check_fault(cloud.action(volume['id'], body, user=demo),
                            403, 'forbidden')


def test_retype_checks_the_new_types_quota(cloud, demo):
    volume = _with_data(cloud, 'one', user=demo)
    resp = cloud.put('/os-quota-sets/%s' % demo['project_id'], {
        'quota_set': {'volumes_one-b': 0}})
    assert resp.status_int == 200, resp.text
    resp = cloud.action(volume['id'], {'os-retype': {'new_type': 'one-b'}},
                        user=demo)
    message = schemas.check_fault(resp, 413, 'overLimit')
    assert 'volumes_one-b' in message
    shown = _admin_view(cloud, volume['id'])
    assert (shown['volume_type'], shown['status']) == ('one', 'available')


def test_retype_on_demand_moves_the_quota(cloud, demo):
    volume = _with_data(cloud, 'one', user=demo)
    cloud.action(volume['id'], {'os-retype': {
        'new_type': 'two', 'migration_policy': 'on-demand'}}, user=demo)
    assert _admin_view(cloud, volume['id'])['volume_type'] == 'two'
    from stratus.db import session
    with session.reader() as s:
        usage = volume_quotas.usage(s, demo['project_id'])
    assert (usage['volumes'], usage['volumes_one'], usage['volumes_two'],
            usage['gigabytes_two']) == (1, 0, 1, 1)


def test_in_use_volume_without_a_server_ends_in_error(cloud):
    """In-use with no server attachment: nobody can swap it
    (test_volume_migrate_attached.py has the real swaps)."""
    volume = _with_data(cloud, None)
    db_volumes.update(volume['id'], {'status': 'in-use'})
    other = 'host1@lvmdriver-%s' % (
        '2' if '@lvmdriver-1' in volume['os-vol-host-attr:host'] else '1')
    resp = cloud.action(volume['id'], {'os-migrate_volume': {
        'host': other}})
    assert resp.status_int == 202
    shown = _admin_view(cloud, volume['id'])
    assert (shown['status'], shown['os-vol-mig-status-attr:migstat'],
            shown['os-vol-host-attr:host']) == (
        'in-use', 'error', volume['os-vol-host-attr:host'])
