"""Backups as cinder answers them with no cinder-backup service running:
create is accepted and the backup goes to error with a user message;
delete, restore, export, import and the admin actions refuse as cinder's
API does; volume create from a backup refuses an unusable backup."""
import base64
import uuid

from support import schemas

NO_SERVICE = 'Service cinder-backup could not be found.'


def _schema(version='3.71'):
    return schemas.volume('backups', version)


def _create(vcloud, volume_id, version='3.71', user=None, **extra):
    body = {'backup': dict(volume_id=volume_id, **extra)}
    return vcloud.post('/backups', body, version=version, user=user)


def test_empty_lists(vcloud, demo):
    for version in ('3.0', '3.71'):
        resp = vcloud.get('/backups', version=version)
        assert schemas.check(_schema(version).list_backups_no_detail,
                             resp) == {'backups': []}
        resp = vcloud.get('/backups/detail', version=version)
        assert schemas.check(_schema(version).list_backups_with_detail,
                             resp) == {'backups': []}
    resp = vcloud.get('/backups/detail?with_count=true', user=demo)
    assert resp.json == {'backups': [], 'count': 0}


def test_create_goes_to_error_without_backup_service(vcloud):
    volume = vcloud.create_volume(name='src')
    resp = _create(vcloud, volume['id'], name=' nightly ', container='c',
                   metadata={'k': 'v'})
    created = schemas.check(_schema().create_backup, resp)['backup']
    assert set(created) == {'id', 'name', 'links'}
    assert created['name'] == 'nightly'
    url = '/backups/%s' % created['id']
    shown = schemas.check(_schema().show_backup, vcloud.get(url))['backup']
    assert shown['status'] == 'error'
    assert shown['fail_reason'] == 'Service not found for creating backup.'
    assert shown['volume_id'] == volume['id']
    assert shown['size'] == 1 and shown['object_count'] == 0
    assert shown['container'] == 'c' and shown['metadata'] == {'k': 'v'}
    assert shown['is_incremental'] is False
    assert shown['has_dependent_backups'] is False
    assert shown['os-backup-project-attr:project_id']
    assert shown['user_id']
    # The volume is back to its status.
    assert vcloud.show(volume['id'])['status'] == 'available'
    messages = vcloud.get('/messages?resource_uuid=%s' % created['id'],
                          version='3.5').json['messages']
    assert [(m['event_id'], m['user_message'], m['resource_type'])
            for m in messages] == [
        ('VOLUME_VOLUME_BACKUP_013_024',
         'create backup:Backup failed to schedule. Service not found for '
         'creating backup.', 'VOLUME_BACKUP')]
    # 3.0 detail lacks metadata; lists carry the backup.
    old = schemas.check(_schema('3.0').show_backup,
                        vcloud.get(url, version='3.0'))['backup']
    assert 'metadata' not in old and 'user_id' not in old
    listed = schemas.check(_schema().list_backups_with_detail,
                           vcloud.get('/backups/detail'))['backups']
    assert [b['id'] for b in listed] == [created['id']]
    summary = schemas.check(_schema().list_backups_no_detail,
                            vcloud.get('/backups?name=nightly'))['backups']
    assert summary == [created]
    assert vcloud.get('/backups?status=available').json == {'backups': []}


def test_member_sees_own_backups_without_admin_attributes(vcloud, demo):
    volume = vcloud.create_volume(user=demo)
    resp = _create(vcloud, volume['id'], user=demo)
    backup_id = schemas.check(_schema().create_backup, resp)['backup']['id']
    shown = schemas.check(_schema().show_backup, vcloud.get(
        '/backups/%s' % backup_id, user=demo))['backup']
    assert 'os-backup-project-attr:project_id' not in shown
    assert 'user_id' not in shown
    admin_volume = vcloud.create_volume()
    other = _create(vcloud, admin_volume['id']).json['backup']['id']
    resp = vcloud.get('/backups/%s' % other, user=demo)
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Backup %s could not be found.' % other
    # Another project's volume is not found either.
    resp = _create(vcloud, admin_volume['id'], user=demo)
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Volume %s could not be found.' % admin_volume['id']
    # Non-admins filter only on cinder's backup filters (3.31+).
    resp = vcloud.get('/backups?host=x', user=demo)
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Invalid filters host are found in query options.'
    # Before 3.31 they are dropped silently.
    assert [b['id'] for b in vcloud.get('/backups?host=x', user=demo,
                                        version='3.30').json['backups']] == [
        backup_id]
    assert vcloud.get('/backups?all_tenants=1', user=demo).status_int == 200
    mine = vcloud.get('/backups/detail?all_tenants=1').json['backups']
    assert len(mine) == 2
    # Admins filter on any column; one naming no column matches nothing.
    assert len(vcloud.get('/backups?all_tenants=1&project_id=%s'
                          % demo['project_id']).json['backups']) == 1
    assert vcloud.get('/backups?bogus=1').json == {'backups': []}


def test_create_refusals(vcloud):
    missing = str(uuid.uuid4())
    resp = _create(vcloud, missing)
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Volume %s could not be found.' % missing
    resp = _create(vcloud, 'not-a-uuid')
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Invalid input for field/attribute volume_id. Value: not-a-uuid. "
        "'not-a-uuid' is not a 'uuid'")
    volume = vcloud.create_volume()
    resp = _create(vcloud, volume['id'], bogus=1)
    schemas.check_fault(resp, 400, 'badRequest')
    resp = _create(vcloud, volume['id'], version='3.42', metadata={'a': 'b'})
    schemas.check_fault(resp, 400, 'badRequest')
    resp = _create(vcloud, volume['id'], incremental=True)
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid backup: No backups available to do an incremental backup.')
    # (os-reset_status refuses in-use without attachments, as cinder.)
    from stratus.db.api import volumes as db_volumes
    db_volumes.update(volume['id'], {'status': 'in-use'})
    resp = _create(vcloud, volume['id'])
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid volume: Backing up an in-use volume must use the force '
        'flag.')
    vcloud.action(volume['id'], {'os-reset_status': {'status': 'error'}})
    resp = _create(vcloud, volume['id'])
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid volume: Volume to be backed up must be available or in-use,'
        ' but the current status is "error".')


def test_operations_needing_a_backup_host(vcloud, demo):
    volume = vcloud.create_volume(user=demo)
    backup_id = _create(vcloud, volume['id'], user=demo).json['backup']['id']
    url = '/backups/%s' % backup_id
    resp = vcloud.delete(url, user=demo)
    assert schemas.check_fault(resp, 404, 'itemNotFound') == NO_SERVICE
    resp = vcloud.post(url + '/restore', {'restore': {'volume_id': None}},
                       user=demo)
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid backup: Backup status must be available')
    resp = vcloud.get(url + '/export_record')
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid backup: Backup status must be available and not error.')
    resp = vcloud.get(url + '/export_record', user=demo)
    schemas.check_fault(resp, 403, 'forbidden')
    record = base64.b64encode(b'{"id": "x"}').decode()
    resp = vcloud.post('/backups/import_record', {'backup-record': {
        'backup_service': 'cinder.backup.drivers.swift',
        'backup_url': record}})
    assert schemas.check_fault(resp, 503, 'serviceUnavailable') == (
        'Service cinder.backup.drivers.swift could not be found.')
    resp = vcloud.post('/backups/import_record', {'backup-record': {
        'backup_service': 's', 'backup_url': record}}, user=demo)
    schemas.check_fault(resp, 403, 'forbidden')
    resp = vcloud.post(url + '/action', {'os-reset_status': {
        'status': 'available'}})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == NO_SERVICE
    resp = vcloud.post(url + '/action', {'os-reset_status': {
        'status': 'bogus'}})
    schemas.check_fault(resp, 400, 'badRequest')
    resp = vcloud.post(url + '/action', {'os-reset_status': {
        'status': 'available'}}, user=demo)
    schemas.check_fault(resp, 403, 'forbidden')
    resp = vcloud.post(url + '/action', {'os-force_delete': {}})
    schemas.check_fault(resp, 500)
    # Update (3.9) works: name, description, 3.43 metadata.
    resp = vcloud.put(url, {'backup': {'name': 'n', 'metadata': {'x': 'y'}}},
                      user=demo)
    updated = schemas.check(_schema().update_backup, resp)['backup']
    assert updated['name'] == 'n' and set(updated) == {'id', 'name', 'links'}
    assert vcloud.get(url, user=demo).json['backup']['metadata'] == {
        'x': 'y'}
    assert vcloud.put(url, {'backup': {'name': 'n'}},
                      version='3.8').status_int == 404
    missing = str(uuid.uuid4())
    resp = vcloud.delete('/backups/%s' % missing)
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Backup %s could not be found.' % missing


def test_volume_create_from_backup(vcloud):
    volume = vcloud.create_volume()
    backup_id = _create(vcloud, volume['id']).json['backup']['id']
    resp = vcloud.post('/volumes', {'volume': {'size': 1,
                                               'backup_id': backup_id}},
                       version='3.47')
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Invalid backup: Originating backup status must be one of "
        "'available' values")
    missing = str(uuid.uuid4())
    resp = vcloud.post('/volumes', {'volume': {'size': 1,
                                               'backup_id': missing}},
                       version='3.47')
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Backup %s could not be found.' % missing


def test_backups_count_against_quota(vcloud, demo):
    project = demo['project_id']
    resp = vcloud.put('/os-quota-sets/%s' % project, {'quota_set': {
        'backups': 1, 'backup_gigabytes': 2}})
    assert resp.status_int == 200, resp.text
    small = vcloud.create_volume(user=demo)
    big = vcloud.create_volume(user=demo, size=3)
    resp = _create(vcloud, big['id'], user=demo)
    assert schemas.check_fault(resp, 413, 'overLimit') == (
        'Requested backup exceeds allowed Backup gigabytes quota. Requested '
        '3G, quota is 2G and 0G has been consumed.')
    assert _create(vcloud, small['id'], user=demo).status_int == 202
    resp = _create(vcloud, small['id'], user=demo)
    assert schemas.check_fault(resp, 413, 'overLimit') == \
        'Maximum number of backups allowed (1) exceeded'
    absolute = vcloud.get('/limits', user=demo).json['limits']['absolute']
    assert absolute['totalBackupsUsed'] == 1
    assert absolute['totalBackupGigabytesUsed'] == 1
