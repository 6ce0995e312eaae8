"""Revert a volume to its latest snapshot (3.40): cinder's checks and
answers, the volume_revert flow on the fake driver, and recovery of a
revert a crash interrupted."""
from support import schemas

from stratus.common import context
from stratus.volume import reconcile


def _snapshot(vcloud, volume_id):
    resp = vcloud.post('/snapshots', {'snapshot': {'volume_id': volume_id}})
    assert resp.status_int == 202, resp.text
    return resp.json['snapshot']['id']


def _revert(vcloud, volume_id, snapshot_id, version='3.40'):
    return vcloud.post('/volumes/%s/action' % volume_id,
                       {'revert': {'snapshot_id': snapshot_id}},
                       version=version)


def test_revert_to_latest_snapshot(vcloud):
    volume = vcloud.create_volume()
    _snapshot(vcloud, volume['id'])
    latest = _snapshot(vcloud, volume['id'])
    resp = _revert(vcloud, volume['id'], latest)
    assert resp.status_int == 202 and not resp.body
    assert vcloud.show(volume['id'])['status'] == 'available'
    # tempest's snapshot schema is the 3.0 shape.
    snap = schemas.check(schemas.volume('snapshots').show_snapshot,
                         vcloud.get('/snapshots/%s' % latest,
                                    version='3.0'))['snapshot']
    assert snap['status'] == 'available'
    record = vcloud.driver_of(volume).volumes[volume['id']]
    assert record['source'] == ('snapshot', latest)


def test_revert_refusals(vcloud):
    volume = vcloud.create_volume()
    resp = _revert(vcloud, volume['id'], None)
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Volume %s doesn't have any snapshots." % volume['id'])
    older = _snapshot(vcloud, volume['id'])
    latest = _snapshot(vcloud, volume['id'])
    for wrong in (older, None):
        resp = _revert(vcloud, volume['id'], wrong)
        assert schemas.check_fault(resp, 400, 'badRequest') == (
            'Specified snapshot %s is None or not the latest one of volume '
            '%s.' % (wrong, volume['id']))
    # Grown since the snapshot: the sizes differ.
    vcloud.post('/volumes/%s/action' % volume['id'],
                {'os-extend': {'new_size': 2}})
    resp = _revert(vcloud, volume['id'], latest)
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Can't revert volume %s to its latest snapshot %s. The volume size "
        "must be equal to the snapshot size." % (volume['id'], latest))
    # Before 3.40 there is no such action.
    resp = _revert(vcloud, volume['id'], latest, version='3.39')
    schemas.check_fault(resp, 404, 'itemNotFound')
    resp = vcloud.post('/volumes/%s/action' % volume['id'],
                       {'revert': {'snapshot_id': 5}})
    schemas.check_fault(resp, 400, 'badRequest')


def test_revert_needs_available_volume_and_snapshot(vcloud):
    volume = vcloud.create_volume()
    latest = _snapshot(vcloud, volume['id'])
    vcloud.post('/volumes/%s/action' % volume['id'],
                {'os-reset_status': {'status': 'error'}})
    resp = _revert(vcloud, volume['id'], latest)
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == (
        "Invalid volume: Can't revert volume %s to its latest snapshot %s. "
        "Volume's status must be 'available'." % (volume['id'], latest))
    vcloud.post('/volumes/%s/action' % volume['id'],
                {'os-reset_status': {'status': 'available'}})
    from stratus.db.api import snapshots as db_snapshots
    db_snapshots.update(latest, {'status': 'error'})
    resp = _revert(vcloud, volume['id'], latest)
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == (
        "Invalid snapshot: Can't revert volume %s to its latest snapshot %s. "
        "Snapshot's status must be 'available'." % (volume['id'], latest))
    # Nothing stays reverting.
    assert vcloud.show(volume['id'])['status'] == 'available'


def test_failed_revert_leaves_volume_in_error(vcloud):
    volume = vcloud.create_volume()
    latest = _snapshot(vcloud, volume['id'])
    driver = vcloud.driver_of(volume)

    def broken(volume, snapshot):
        raise RuntimeError('disk on fire')
    vcloud.monkeypatch.setattr(driver, 'revert_to_snapshot', broken)
    assert _revert(vcloud, volume['id'], latest).status_int == 202
    assert vcloud.show(volume['id'])['status'] == 'error'
    assert vcloud.get('/snapshots/%s' % latest).json['snapshot'][
        'status'] == 'available'


def test_restart_during_revert_ends_in_error(vcloud):
    volume = vcloud.create_volume()
    latest = _snapshot(vcloud, volume['id'])
    from stratus.db.api import snapshots as db_snapshots
    from stratus.db.api import volumes as db_volumes
    # A revert the backend had started (claimed) when it stopped.
    db_volumes.update(volume['id'], {'status': 'reverting',
                                     'worker_status': 'reverting'})
    db_snapshots.update(latest, {'status': 'restoring'})
    host = vcloud.show(volume['id'])['os-vol-host-attr:host']
    backend = host.split('#')[0]
    reconcile.recover(context.get_admin_context(), backend,
                      vcloud.managers[backend])
    assert vcloud.show(volume['id'])['status'] == 'error'
    assert vcloud.get('/snapshots/%s' % latest).json['snapshot'][
        'status'] == 'available'
