"""Delete, extend and snapshot flows on the fake driver: success end
states and failures injected at each flow's last task."""
import pytest

from stratus.common import exception
from stratus.common import flow_engine
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volume_quotas
from stratus.db.api import volumes as db_volumes
from stratus.volume.flows.manager import delete
from stratus.volume.flows.manager import extend
from stratus.volume.flows.manager import snapshot_create
from stratus.volume.flows.manager import snapshot_delete
from stratus.volume.tasks import delete as delete_tasks
from stratus.volume.tasks import extend as extend_tasks
from stratus.volume.tasks import snapshot as snapshot_tasks


def _names(flow):
    return [flow_engine.short_name(t.name) for t in flow]


def test_flow_contracts():
    assert _names(delete.get_flow(None)) == [
        'DeleteErrorOnRevertTask', 'DeleteVolumeOnBackendTask',
        'DestroyVolumeRecordTask']
    assert _names(delete.get_flow(None, cascade=True))[1] == \
        'DeleteSnapshotsTask'
    assert delete.get_flow(None).name == 'volume_delete'
    flow = extend.get_flow(None)
    assert flow.name == 'volume_extend'
    assert flow.requires == {'ctxt', 'volume', 'new_size', 'reservations'}
    flow = snapshot_create.get_flow(None)
    assert (flow.name, flow.requires) == ('snapshot_create', {
        'ctxt', 'snapshot', 'volume'})
    assert snapshot_delete.get_flow(None).name == 'snapshot_delete'


def _usage(volume):
    return volume_quotas.get(volume['os-vol-tenant-attr:tenant_id'])[1]


def _snapshot(vcloud, volume, **kw):
    resp = vcloud.post('/snapshots', {'snapshot': dict(
        volume_id=volume['id'], **kw)})
    assert resp.status_int == 202, resp.text
    return vcloud.get('/snapshots/%s' % resp.json['snapshot'][
        'id']).json['snapshot']


def test_delete_removes_backend_volume_row_and_quota(vcloud):
    volume = vcloud.create_volume(size=3)
    assert vcloud.delete('/volumes/%s?cascade=False&force=False'
                         % volume['id']).status_int == 202
    assert vcloud.get('/volumes/%s' % volume['id']).status_int == 404
    assert volume['id'] not in vcloud.driver_of(volume).volumes
    assert _usage(volume)['volumes'] == 0
    assert db_volumes.get(volume['id'], read_deleted=True)['status'] == \
        'deleted'


def test_delete_failure_at_last_task_is_error_deleting(vcloud, monkeypatch):
    volume = vcloud.create_volume(size=2)

    def broken(self, volume):
        raise exception.VolumeBackendAPIException(data='db gone')
    monkeypatch.setattr(delete_tasks.DestroyVolumeRecordTask, 'execute',
                        broken)
    vcloud.delete('/volumes/%s' % volume['id'])
    shown = vcloud.show(volume['id'])
    assert shown['status'] == 'error_deleting'
    assert _usage(volume)['gigabytes'] == 2     # still holds its quota


def test_cascade_deletes_snapshots(vcloud):
    volume = vcloud.create_volume()
    snap = _snapshot(vcloud, volume)
    resp = vcloud.delete('/volumes/%s?cascade=True' % volume['id'])
    assert resp.status_int == 202
    assert vcloud.get('/snapshots/%s' % snap['id']).status_int == 404
    assert vcloud.driver_of(volume).snapshots == {}


def test_extend_grows_volume_and_quota(vcloud):
    volume = vcloud.create_volume(size=1)
    resp = vcloud.action(volume['id'], {'os-extend': {'new_size': 4}})
    assert resp.status_int == 202
    shown = vcloud.show(volume['id'])
    assert (shown['status'], shown['size']) == ('available', 4)
    assert vcloud.driver_of(volume).volumes[volume['id']]['size'] == 4
    assert _usage(volume)['gigabytes'] == 4
    from stratus.db import models, session
    with session.reader() as s:
        assert s.query(models.VolumeReservation).count() == 0


def test_extend_failure_is_error_extending_and_releases(vcloud):
    volume = vcloud.create_volume(size=1)
    vcloud.driver_of(volume).fail_methods.add('extend_volume')
    vcloud.action(volume['id'], {'os-extend': {'new_size': 5}})
    shown = vcloud.show(volume['id'])
    assert (shown['status'], shown['size']) == ('error_extending', 1)
    assert _usage(volume)['gigabytes'] == 1
    limits, usage, reserved = volume_quotas.get(
        volume['os-vol-tenant-attr:tenant_id'])
    assert reserved == {}


def test_extend_last_task_failure(vcloud, monkeypatch):
    volume = vcloud.create_volume(size=1)

    def broken(self, volume, new_size, reservations):
        raise exception.VolumeBackendAPIException(data='save failed')
    monkeypatch.setattr(extend_tasks.SaveExtendedVolumeTask, 'execute',
                        broken)
    vcloud.action(volume['id'], {'os-extend': {'new_size': 2}})
    assert vcloud.show(volume['id'])['status'] == 'error_extending'
    assert volume_quotas.get(volume['os-vol-tenant-attr:tenant_id'])[2] == {}


def test_snapshot_create_and_delete(vcloud):
    volume = vcloud.create_volume(size=2)
    snap = _snapshot(vcloud, volume, name='s1', metadata={'a': 'b'})
    assert snap['status'] == 'available'
    assert snap['os-extended-snapshot-attributes:progress'] == '100%'
    driver = vcloud.driver_of(volume)
    assert snap['id'] in driver.snapshots
    assert _usage(volume)['snapshots'] == 1
    assert _usage(volume)['gigabytes'] == 4
    assert vcloud.delete('/snapshots/%s' % snap['id']).status_int == 202
    assert vcloud.get('/snapshots/%s' % snap['id']).status_int == 404
    assert driver.snapshots == {}
    assert _usage(volume)['snapshots'] == 0


def test_snapshot_create_failure_errors_and_releases(vcloud):
    volume = vcloud.create_volume(size=2)
    vcloud.driver_of(volume).fail_methods.add('create_snapshot')
    snap = _snapshot(vcloud, volume)
    assert snap['status'] == 'error'
    assert _usage(volume)['snapshots'] == 0
    assert db_snapshots.get(snap['id'])['use_quota'] is False
    messages = vcloud.get('/messages?resource_uuid=%s' % snap['id'])
    assert messages.json['messages'][0]['user_message'].startswith(
        'create snapshot:')


def test_snapshot_create_last_task_failure(vcloud, monkeypatch):
    volume = vcloud.create_volume()

    def broken(self, snapshot, model_update):
        raise exception.VolumeBackendAPIException(data='save failed')
    monkeypatch.setattr(snapshot_tasks.SaveSnapshotAvailableTask, 'execute',
                        broken)
    snap = _snapshot(vcloud, volume)
    assert snap['status'] == 'error'
    assert vcloud.driver_of(volume).snapshots == {}   # reverted


@pytest.mark.parametrize('where', ['driver', 'last'])
def test_snapshot_delete_failure_is_error_deleting(vcloud, monkeypatch,
                                                    where):
    volume = vcloud.create_volume()
    snap = _snapshot(vcloud, volume)
    if where == 'driver':
        vcloud.driver_of(volume).fail_methods.add('delete_snapshot')
    else:
        def broken(self, snapshot):
            raise exception.VolumeBackendAPIException(data='gone')
        monkeypatch.setattr(snapshot_tasks.DestroySnapshotRecordTask,
                            'execute', broken)
    vcloud.delete('/snapshots/%s' % snap['id'])
    shown = vcloud.get('/snapshots/%s' % snap['id']).json['snapshot']
    assert shown['status'] == 'error_deleting'
