"""POST /snapshots/{id}/action: os-update_snapshot_status with cinder's
transitions, os-reset_status and os-force_delete (admin)."""
import pytest

from support import schemas

from stratus.db.api import snapshots as db_snapshots

SCHEMA = schemas.volume('snapshots')


def _snapshot(vcloud, user=None):
    volume = vcloud.create_volume(user=user)
    resp = vcloud.post('/snapshots', {'snapshot': {
        'volume_id': volume['id']}}, user=user)
    assert resp.status_int == 202, resp.text
    return resp.json['snapshot']['id']


def _action(vcloud, snapshot_id, body, **kw):
    return vcloud.post('/snapshots/%s/action' % snapshot_id, body, **kw)


@pytest.mark.parametrize('current,wanted', [
    ('creating', 'available'), ('creating', 'error'),
    ('creating', 'creating'), ('deleting', 'error_deleting'),
    ('deleting', 'deleting')])
def test_update_snapshot_status_allowed(vcloud, demo, current, wanted):
    snapshot_id = _snapshot(vcloud, user=demo)
    db_snapshots.update(snapshot_id, {'status': current})
    resp = _action(vcloud, snapshot_id, {'os-update_snapshot_status': {
        'status': wanted, 'progress': '80%'}}, user=demo)
    schemas.check(SCHEMA.update_snapshot_status, resp)
    shown = vcloud.get('/snapshots/%s' % snapshot_id).json['snapshot']
    assert shown['status'] == wanted
    assert shown['os-extended-snapshot-attributes:progress'] == '80%'


def test_update_snapshot_status_refused(vcloud):
    snapshot_id = _snapshot(vcloud)
    resp = _action(vcloud, snapshot_id, {'os-update_snapshot_status': {
        'status': 'error'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Snapshot status available not allowed for update_snapshot_status')
    db_snapshots.update(snapshot_id, {'status': 'creating'})
    resp = _action(vcloud, snapshot_id, {'os-update_snapshot_status': {
        'status': 'deleting'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Provided snapshot status deleting not allowed for snapshot with '
        'status creating.')
    # cinder's progress format answers with its own fault.
    between = ' between 0 and 100'
    for progress, tail in (('x%', ''), ('101%', between), ('50', between)):
        resp = _action(vcloud, snapshot_id, {'os-update_snapshot_status': {
            'status': 'available', 'progress': progress}})
        assert schemas.check_fault(resp, 400, 'badRequest') == (
            'Invalid input received: progress must be an integer '
            'percentage' + tail)
    resp = _action(vcloud, snapshot_id, {'os-update_snapshot_status': {}})
    schemas.check_fault(resp, 400, 'badRequest')
    resp = _action(vcloud, '0' * 8 + '-0000-0000-0000-' + '0' * 12,
                   {'os-update_snapshot_status': {'status': 'available'}})
    schemas.check_fault(resp, 404, 'itemNotFound')


def test_reset_status_and_force_delete_are_admin(vcloud, demo):
    snapshot_id = _snapshot(vcloud, user=demo)
    body = {'os-reset_status': {'status': 'error'}}
    schemas.check_fault(_action(vcloud, snapshot_id, body, user=demo), 403,
                        'forbidden')
    schemas.check(SCHEMA.reset_snapshot_status,
                  _action(vcloud, snapshot_id, body))
    assert db_snapshots.get(snapshot_id)['status'] == 'error'
    resp = _action(vcloud, snapshot_id, {'os-reset_status': {
        'status': 'sleeping'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Snapshot status: sleeping is invalid, valid statuses are: "
        "('error', 'available', 'creating', 'deleting', 'deleted', "
        "'updating', 'error_deleting', 'unmanaging', 'backing-up', "
        "'restoring').")
    db_snapshots.update(snapshot_id, {'status': 'creating'})
    body = {'os-force_delete': {}}
    schemas.check_fault(_action(vcloud, snapshot_id, body, user=demo), 403,
                        'forbidden')
    schemas.check(SCHEMA.force_delete_snapshot,
                  _action(vcloud, snapshot_id, body))
    schemas.check_fault(vcloud.get('/snapshots/%s' % snapshot_id), 404,
                        'itemNotFound')
    resp = _action(vcloud, snapshot_id, {'os-fly': {}})
    schemas.check_fault(resp, 400, 'badRequest')


@pytest.mark.parametrize('status', ['creating', 'deleting', 'error',
                                    'error_deleting'])
def test_force_delete_from_any_status(vcloud, status):
    # tempest's snapshot force-delete tests, one per status.
    snapshot_id = _snapshot(vcloud)
    schemas.check(SCHEMA.reset_snapshot_status, _action(
        vcloud, snapshot_id, {'os-reset_status': {'status': status}}))
    schemas.check(SCHEMA.force_delete_snapshot, _action(
        vcloud, snapshot_id, {'os-force_delete': {}}))
    schemas.check_fault(vcloud.get('/snapshots/%s' % snapshot_id), 404,
                        'itemNotFound')
