"""Status machines as cinder's: the operations each status allows, and
the 400s (with cinder's words) for the others."""
import pytest

from stratus.db.api import volumes as db_volumes

DELETE_REFUSED = (
    'Invalid volume: Volume status must be available or error or '
    'error_restoring or error_extending or error_managing and must not be '
    'migrating, attached, belong to a group, have snapshots, awaiting a '
    'transfer, or be disassociated from snapshots after volume transfer.')


def _message(resp):
    return resp.json['badRequest']['message']


@pytest.mark.parametrize('status', ['in-use', 'creating', 'attaching',
                                    'extending', 'deleting', 'reserved'])
def test_delete_refused_outside_deletable_statuses(vcloud, status):
    volume = vcloud.create_volume()
    db_volumes.update(volume['id'], {'status': status})
    resp = vcloud.delete('/volumes/%s?cascade=False&force=False'
                         % volume['id'])
    assert resp.status_int == 400
    assert _message(resp) == DELETE_REFUSED


@pytest.mark.parametrize('status', ['available', 'error', 'error_extending'])
def test_delete_allowed(vcloud, status):
    volume = vcloud.create_volume()
    db_volumes.update(volume['id'], {'status': status})
    assert vcloud.delete('/volumes/%s' % volume['id']).status_int == 202


def test_delete_with_snapshots_needs_cascade(vcloud):
    volume = vcloud.create_volume()
    vcloud.post('/snapshots', {'snapshot': {'volume_id': volume['id']}})
    resp = vcloud.delete('/volumes/%s' % volume['id'])
    assert resp.status_int == 400 and _message(resp) == DELETE_REFUSED
    assert vcloud.delete('/volumes/%s?cascade=true'
                         % volume['id']).status_int == 202


def test_force_delete_skips_status_but_not_attachment(vcloud, demo):
    volume = vcloud.create_volume()
    db_volumes.update(volume['id'], {'status': 'error_deleting'})
    resp = vcloud.delete('/volumes/%s?force=True' % volume['id'])
    assert resp.status_int == 202
    volume = vcloud.create_volume()
    db_volumes.update(volume['id'], {'status': 'in-use',
                                     'attach_status': 'attached'})
    resp = vcloud.delete('/volumes/%s?force=True' % volume['id'])
    assert resp.status_int == 400
    assert _message(resp).startswith('Invalid volume: Volume  must not be')
    mine = vcloud.create_volume(user=demo)
    resp = vcloud.delete('/volumes/%s?force=True' % mine['id'], user=demo)
    assert resp.status_int == 403
    assert vcloud.delete('/volumes/%s?force=maybe' % mine['id'],
                         user=demo).status_int == 400


def test_unscheduled_volume_is_deleted_at_once(vcloud):
    vcloud.create_type('nowhere', volume_backend_name='nope')
    volume = vcloud.create_volume(volume_type='nowhere')
    assert volume['status'] == 'error'
    assert vcloud.delete('/volumes/%s' % volume['id']).status_int == 202
    assert vcloud.get('/volumes/%s' % volume['id']).status_int == 404


def test_extend_rules(vcloud):
    volume = vcloud.create_volume(size=2)
    resp = vcloud.action(volume['id'], {'os-extend': {'new_size': 2}})
    assert resp.status_int == 400
    assert _message(resp) == (
        'Invalid input received: New size for extend must be greater than '
        'current size. (current: 2, extended: 2).')
    db_volumes.update(volume['id'], {'status': 'in-use'})
    resp = vcloud.action(volume['id'], {'os-extend': {'new_size': 3}},
                         version='3.41')
    assert resp.status_int == 400
    assert _message(resp) == (
        "Invalid volume: Volume %s status must be '{'status': "
        "'available'}' to extend, currently in-use." % volume['id'])
    # From 3.42 an in-use volume may grow.
    resp = vcloud.action(volume['id'], {'os-extend': {'new_size': 3}},
                         version='3.42')
    assert resp.status_int == 202
    shown = vcloud.show(volume['id'])
    assert (shown['status'], shown['size']) == ('in-use', 3)
    resp = vcloud.action(volume['id'], {'os-extend': {'new_size': 'x'}})
    assert resp.status_int == 400
    assert _message(resp) == ("Invalid input for field/attribute new_size. "
                              "Value: x. 'x' does not match '^[0-9]+$'")
    assert vcloud.action(volume['id'], {'os-extend': {}}).status_int == 400


def test_unknown_action(vcloud):
    volume = vcloud.create_volume()
    resp = vcloud.action(volume['id'], {'os-fly': {}})
    assert resp.status_int == 400
    assert _message(resp) == ('There is no such action: os-fly. Verify the '
                              'request body and Content-Type header and try '
                              'again.')
    for body in ({}, {'os-extend': {'new_size': 2}, 'os-fly': {}}):
        resp = vcloud.action(volume['id'], body)
        assert _message(resp) == 'Malformed request body'


def test_reset_status_is_admin_only_and_validated(vcloud, demo):
    volume = vcloud.create_volume(user=demo)
    body = {'os-reset_status': {'status': 'error'}}
    assert vcloud.action(volume['id'], body, user=demo).status_int == 403
    assert vcloud.action(volume['id'], body).status_int == 202
    assert vcloud.show(volume['id'])['status'] == 'error'
    resp = vcloud.action(volume['id'], {'os-reset_status': {
        'status': 'sleeping'}})
    assert resp.status_int == 400
    # cinder's volume_status format check answers with its own fault.
    assert _message(resp) == (
        "Volume status: sleeping is invalid, valid statuses are: "
        "('creating', 'available', 'deleting', 'error', 'error_deleting', "
        "'error_managing', 'managing', 'attaching', 'in-use', 'detaching', "
        "'maintenance', 'restoring-backup', 'error_restoring', 'reserved', "
        "'awaiting-transfer', 'backing-up', 'error_backing-up', "
        "'error_extending', 'downloading', 'uploading', 'retyping', "
        "'extending').")
    assert vcloud.action(volume['id'], {
        'os-reset_status': {}}).status_int == 400
    assert vcloud.action(volume['id'], {'os-reset_status': {
        'status': 'available', 'attach_status': 'detached'}}).status_int == \
        202


def test_snapshot_of_in_use_volume(vcloud):
    volume = vcloud.create_volume()
    db_volumes.update(volume['id'], {'status': 'in-use'})
    body = {'snapshot': {'volume_id': volume['id'], 'name': 's'}}
    resp = vcloud.post('/snapshots', body, version='3.65')
    assert resp.status_int == 400
    assert _message(resp) == (
        'Invalid volume: Volume %s status must be available, but current '
        'status is: in-use.' % volume['id'])
    forced = {'snapshot': dict(body['snapshot'], force=True)}
    assert vcloud.post('/snapshots', forced,
                       version='3.65').status_int == 202
    assert vcloud.post('/snapshots', body, version='3.66').status_int == 202
    unforced = {'snapshot': dict(body['snapshot'], force='False')}
    assert vcloud.post('/snapshots', unforced,
                       version='3.66').status_int == 400


def test_snapshot_of_error_volume(vcloud):
    volume = vcloud.create_volume()
    db_volumes.update(volume['id'], {'status': 'error'})
    resp = vcloud.post('/snapshots', {'snapshot': {'volume_id': volume['id']}})
    assert resp.status_int == 400
    assert _message(resp) == ('Invalid volume: The snapshot cannot be '
                              'created when the volume is in error status.')


def test_snapshot_delete_refused_while_creating(vcloud):
    from stratus.db.api import snapshots as db_snapshots
    volume = vcloud.create_volume()
    snap = vcloud.post('/snapshots', {'snapshot': {
        'volume_id': volume['id']}}).json['snapshot']
    db_snapshots.update(snap['id'], {'status': 'creating'})
    resp = vcloud.delete('/snapshots/%s' % snap['id'])
    assert resp.status_int == 400
    assert _message(resp) == (
        'Invalid snapshot: Snapshot status must be available or error and '
        'must not be part of a group.')
    assert vcloud.post('/snapshots/%s/action' % snap['id'], {
        'os-force_delete': {}}).status_int == 202
