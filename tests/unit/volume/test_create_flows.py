"""The three create flows (volume_create_api, volume_create_scheduler,
volume_create_manager): contracts, every source, and failures injected at
each flow's last task (error, quota released, message)."""
import uuid

import pytest

from stratus.common import exception
from stratus.common import flow_engine
from stratus.db.api import images
from stratus.db.api import volume_messages
from stratus.db.api import volume_quotas
from stratus.db.api import volumes as db_volumes
from stratus.scheduler.flows import volume_create as scheduler_flow
from stratus.volume.flows.api import create as api_flow
from stratus.volume.flows.manager import create as manager_flow
from stratus.volume.tasks import create as create_tasks
from stratus.volume.tasks import entry
from stratus.volume.tasks import volume_ref


def _names(flow):
    return [flow_engine.short_name(task.name) for task in flow]


def test_flow_contracts():
    flow = api_flow.get_flow(scheduler_rpc=None)
    assert flow.name == 'volume_create_api'
    assert _names(flow) == ['ExtractVolumeRequestTask', 'QuotaReserveTask',
                            'EntryCreateTask', 'QuotaCommitTask',
                            'VolumeCastTask']
    assert flow.requires == {'ctxt', 'request'}
    assert {'volume', 'volume_spec', 'reservations'} <= flow.provides
    flow = scheduler_flow.get_flow(volume_rpc=None)
    assert flow.name == 'volume_create_scheduler'
    assert _names(flow) == ['ExtractSchedulerSpecTask',
                            'ScheduleCreateVolumeTask']
    assert flow.requires == {'ctxt', 'volume_id', 'request_spec',
                             'filter_properties'}
    for spec, task in (({}, 'CreateRawVolumeTask'),
                       ({'snapshot_id': 's'}, 'CreateFromSnapshotTask'),
                       ({'source_volid': 'v'}, 'CloneVolumeTask'),
                       ({'image_id': 'i'}, 'CreateFromImageTask')):
        flow = manager_flow.get_flow(None, 'h@b', None, spec, {})
        assert flow.name == 'volume_create_manager'
        assert _names(flow) == [
            'ExtractVolumeRefTask', 'OnFailureRescheduleTask',
            'ExtractVolumeSpecTask', 'NotifyVolumeActionTask',
            task, 'CreateVolumeOnFinishTask']


def _usage(project_id):
    return volume_quotas.get(project_id)[1]


def test_raw_volume_goes_available_on_a_backend(vcloud, boot):
    volume = vcloud.create_volume(name='v1', size=2)
    assert volume['status'] == 'available'
    assert volume['consumes_quota'] is True
    driver = vcloud.driver_of(volume)
    assert driver.volumes[volume['id']]['size'] == 2
    row = db_volumes.get(volume['id'])
    assert row['provider_location'] == 'fake:%s' % volume['id']
    assert row['launched_at'] is not None and row['scheduled_at']
    usage = _usage(row['project_id'])
    assert (usage['volumes'], usage['gigabytes']) == (1, 2)


def test_from_snapshot_and_from_volume_stay_on_the_source_backend(vcloud):
    source = vcloud.create_volume(size=1)
    snap = vcloud.post('/snapshots', {'snapshot': {
        'volume_id': source['id'], 'name': 's1'}}).json['snapshot']
    assert vcloud.get('/snapshots/%s' % snap['id']).json['snapshot'][
        'status'] == 'available'
    for body in ({'snapshot_id': snap['id']},
                 {'source_volid': source['id'], 'size': 3}):
        volume = vcloud.create_volume(**body)
        assert volume['status'] == 'available'
        assert volume['os-vol-host-attr:host'] == \
            source['os-vol-host-attr:host']
    driver = vcloud.driver_of(source)
    kinds = sorted(v['source'][0] for v in driver.volumes.values()
                   if v['source'])
    assert kinds == ['snapshot', 'volume']
    clone = [v for v in driver.volumes.values()
             if v['source'] and v['source'][0] == 'volume'][0]
    assert clone['size'] == 3          # grown after the clone


def test_from_image_downloads_and_writes_it(vcloud, monkeypatch, tmp_path):
    from stratus.common.conf import CONF
    conversion = tmp_path / 'conversion'
    vcloud.configure(image_conversion_dir=str(conversion))
    image = images.create({'id': str(uuid.uuid4()), 'name': 'cirros',
                           'status': 'active', 'visibility': 'public',
                           'owner': 'x', 'disk_format': 'qcow2',
                           'container_format': 'bare', 'size': 4,
                           'min_disk': 0}, {'os_distro': 'cirros'})
    seen = {}

    class Client:
        def download(self, image_id, path):
            with open(path, 'wb') as f:
                f.write(b'data')
            seen['path'] = path
            return {'id': image_id, 'disk_format': 'qcow2'}
    monkeypatch.setattr(create_tasks, 'image_client', lambda ctxt: Client())
    volume = vcloud.create_volume(imageRef=image['id'])
    assert volume['status'] == 'available'
    assert volume['bootable'] == 'true'
    assert volume['volume_image_metadata']['image_name'] == 'cirros'
    assert volume['volume_image_metadata']['os_distro'] == 'cirros'
    record = vcloud.driver_of(volume).volumes[volume['id']]
    assert record['image_format'] == 'qcow2' and record['image_checksum']
    assert seen['path'].startswith(CONF.image_conversion_dir)
    assert not list(conversion.iterdir())    # the temp file is gone


def test_no_valid_backend_errors_with_message_and_releases_quota(vcloud):
    vcloud.create_type('nowhere', volume_backend_name='nope')
    volume = vcloud.create_volume(volume_type='nowhere', size=5)
    assert volume['status'] == 'error'
    assert volume['consumes_quota'] is False
    assert volume['os-vol-host-attr:host'] is None
    usage = _usage(volume['os-vol-tenant-attr:tenant_id'])
    assert (usage['volumes'], usage['gigabytes']) == (0, 0)
    messages = volume_messages.list_messages(
        filters={'resource_uuid': volume['id']})
    assert messages[0]['user_message'] == (
        'schedule allocate volume:Could not find any available weighted '
        'backend.')
    assert messages[0]['event_id'] == 'VOLUME_VOLUME_001_003'


def test_type_routes_to_its_backend(vcloud):
    vcloud.create_type('second', volume_backend_name='lvmdriver-2')
    for _ in range(3):
        volume = vcloud.create_volume(volume_type='second')
        assert volume['os-vol-host-attr:host'] == \
            'host1@lvmdriver-2#lvmdriver-2'


def test_driver_failure_reschedules_to_another_backend(vcloud):
    vcloud.driver('lvmdriver-1').fail_methods.add('create_volume')
    # Both pools weigh the same; the first listed (lvmdriver-1) is tried
    # first, fails, and the volume is rescheduled.
    volume = vcloud.create_volume()
    assert volume['status'] == 'available'
    assert volume['os-vol-host-attr:host'] == 'host1@lvmdriver-2#lvmdriver-2'
    assert vcloud.volume_rpc.sent.count('host1@lvmdriver-1') == 1


def test_reschedules_stop_at_max_attempts(vcloud):
    vcloud.configure(scheduler_max_attempts=2)
    for backend in ('lvmdriver-1', 'lvmdriver-2'):
        vcloud.driver(backend).fail_methods.add('create_volume')
    volume = vcloud.create_volume()
    assert volume['status'] == 'error'
    assert volume['consumes_quota'] is False
    message = volume_messages.list_messages(
        filters={'resource_uuid': volume['id']})[0]['user_message']
    assert message == ('schedule allocate volume:Could not find any '
                       'available weighted backend.')
    assert _usage(volume['os-vol-tenant-attr:tenant_id'])['volumes'] == 0


def test_no_reschedule_with_one_attempt(vcloud):
    vcloud.configure(scheduler_max_attempts=1)
    vcloud.driver('lvmdriver-1').fail_methods.add('create_volume')
    volume = vcloud.create_volume()
    assert volume['status'] == 'error'
    message = volume_messages.list_messages(
        filters={'resource_uuid': volume['id']})[0]
    assert message['user_message'].startswith(
        'create volume from backend storage:Bad or unexpected response')


def test_api_flow_last_task_failure_removes_row_and_quota(vcloud,
                                                          monkeypatch):
    def broken(self, ctxt, volume, volume_spec):
        raise exception.ServiceUnavailable(reason='no scheduler')
    monkeypatch.setattr(entry.VolumeCastTask, 'execute', broken)
    resp = vcloud.post('/volumes', {'volume': {'size': 1, 'name': 'gone'}})
    assert resp.status_int == 503
    assert db_volumes.list_volumes(filters={'name': 'gone'}) == []
    project = vcloud.get('/volumes').json
    assert project['volumes'] == []
    from stratus.db import models, session
    with session.reader() as s:
        assert s.query(models.VolumeReservation).count() == 0


def test_scheduler_flow_last_task_failure_errors_the_volume(vcloud,
                                                            monkeypatch):
    def broken(*args, **kwargs):
        raise exception.ServiceUnavailable(reason='volume service gone')
    monkeypatch.setattr(vcloud.volume_rpc, 'create_volume', broken)
    volume = vcloud.create_volume()
    assert volume['status'] == 'error' and volume['consumes_quota'] is False
    assert _usage(volume['os-vol-tenant-attr:tenant_id'])['volumes'] == 0


def test_manager_flow_last_task_failure_errors_and_cleans_up(vcloud,
                                                             monkeypatch):
    vcloud.configure(scheduler_max_attempts=1)

    def broken(self, volume, model_update):
        raise exception.VolumeBackendAPIException(data='finish broke')
    monkeypatch.setattr(volume_ref.CreateVolumeOnFinishTask, 'execute',
                        broken)
    volume = vcloud.create_volume()
    assert volume['status'] == 'error'
    assert volume['consumes_quota'] is False
    # The create task's revert removed the backend volume.
    assert volume['id'] not in vcloud.driver_of(volume).volumes
    assert _usage(volume['os-vol-tenant-attr:tenant_id'])['gigabytes'] == 0


@pytest.mark.parametrize('field,value,message', [
    # cinder names the last path element only.
    ('size', 0, 'Invalid input for field/attribute size. Value: 0.'),
    ('size', None, "Volume size 'None' must be an integer and greater "
                   "than 0"),
    ('availability_zone', 'mars', "Availability zone 'mars' is invalid."),
])
def test_bad_requests(vcloud, field, value, message):
    body = {'size': 1, field: value}
    resp = vcloud.post('/volumes', {'volume': body}, version='3.0')
    assert resp.status_int == 400
    assert message in resp.json['badRequest']['message']


def test_snapshot_size_bound(vcloud):
    source = vcloud.create_volume(size=2)
    snap = vcloud.post('/snapshots', {'snapshot': {
        'volume_id': source['id']}}).json['snapshot']
    resp = vcloud.post('/volumes', {'volume': {'size': 1,
                                               'snapshot_id': snap['id']}})
    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        "Invalid input received: Volume size '1'GB cannot be smaller than "
        "the snapshot size 2GB. They must be >= original snapshot size.")
