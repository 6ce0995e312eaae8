"""Volume flows against the fake driver and the fake conductor: attach and
detach (success, a failure injected in the driver and in each flow's last
task), a spawn that boots from a volume, an unshelve that connects the
volumes attached while offloaded, and a delete that releases them."""
import uuid

import pytest

from stratus.common import context
from stratus.common.conf import CONF
from stratus.compute import manager
from stratus.compute import states
from stratus.compute.flows import volume_attach
from stratus.compute.flows import volume_detach
from stratus.compute.tasks import image as image_tasks
from stratus.compute.virt import fake
from support.fake_conductor import FakeConductor

FLAVOR = {'flavorid': '1', 'name': 'm1', 'vcpus': 1, 'memory_mb': 64,
          'root_gb': 1, 'ephemeral_gb': 0, 'swap': 0}


class RecordingDriver(fake.FakeDriver):
    """The fake driver, keeping the connectors it handed out."""

    def __init__(self):
        super().__init__()
        self.connectors = []

    def get_volume_connector(self, instance):
        connector = super().get_volume_connector(instance)
        self.connectors.append(connector)
        return connector


@pytest.fixture
def compute(monkeypatch):
    driver = RecordingDriver()
    driver.init_host('node1')
    monkeypatch.setattr(image_tasks, 'client_for',
                        lambda ctxt: type('Images', (), {
                            'delete': lambda self, image_id: None})())
    return manager.ComputeManager('node1', driver, FakeConductor())


@pytest.fixture
def failing_driver():
    def fail(*methods):
        CONF.set_override('fail_methods', list(methods), 'fake_driver')
    yield fail
    CONF.clear_override('fail_methods', 'fake_driver')


def _instance(compute, vm_state=states.ACTIVE, task_state=None, guest=True):
    instance = {'uuid': str(uuid.uuid4()), 'host': 'node1', 'node': 'node1',
                'vm_state': vm_state, 'task_state': task_state,
                'power_state': states.RUNNING, 'flavor': FLAVOR,
                'system_metadata': {}, 'image_ref': 'img'}
    if guest:
        compute.driver.spawn(None, instance, {'id': 'img'})
    return compute.conductor.add(instance)


def _ctxt():
    ctxt = context.get_admin_context()
    ctxt.auth_token = 'token'
    return ctxt


def _guest_volumes(compute, instance):
    return compute.driver._guests[instance['uuid']]['volumes']


def _events(compute, result=None):
    return [e['event'].split(':', 1)[1] for e in compute.conductor.events
            if result is None or e['result'] == result]


def _attached(compute, instance):
    """A volume attached as the attach flow leaves it."""
    bdm = compute.conductor.add_volume(instance['uuid'])
    compute.attach_volume(_ctxt(), instance, bdm)
    compute.conductor.events.clear()
    bdm = compute.conductor.bdms[bdm['uuid']]
    compute.conductor.volumes[bdm['volume_id']]['status'] = 'detaching'
    return dict(bdm)


def test_flow_contracts():
    attach = volume_attach.get_flow(fake.FakeDriver(), FakeConductor())
    assert set(attach.requires) == {'ctxt', 'instance', 'bdm'}
    assert set(attach.provides) == {'connection_info'}
    detach = volume_detach.get_flow(fake.FakeDriver(), FakeConductor())
    assert set(detach.requires) == {'ctxt', 'instance', 'bdm'}


def test_attach_plugs_the_volume_in(compute):
    instance = _instance(compute)
    bdm = compute.conductor.add_volume(instance['uuid'])
    compute.attach_volume(_ctxt(), instance, bdm)
    conductor = compute.conductor
    assert conductor.volume_status(bdm['volume_id']) == 'in-use'
    saved = conductor.bdms[bdm['uuid']]
    assert saved['connection_info']['data']['device_path'] == \
        '/dev/fake/%s' % bdm['volume_id']
    assert _guest_volumes(compute, instance) == {
        '/dev/vdb': saved['connection_info']}
    connector = conductor.attachments[bdm['attachment_id']]['connector']
    assert connector == dict(compute.driver.connectors[0],
                             mountpoint='/dev/vdb')
    assert connector['host'] == 'node1'
    assert _events(compute) == [
        'AttachFailedOnRevertTask', 'ConnectVolumeTask', 'AttachVolumeTask',
        'SaveAttachmentTask']
    assert _events(compute, 'Error') == [] and not conductor.faults


@pytest.mark.parametrize('inject', ['last_task', 'driver'])
def test_attach_failure_gives_the_volume_back(compute, failing_driver,
                                              inject):
    instance = _instance(compute)
    bdm = compute.conductor.add_volume(instance['uuid'])
    if inject == 'last_task':
        compute.conductor.fail_methods.add('volume_attachment_complete')
        failed = 'SaveAttachmentTask'
    else:
        failing_driver('attach_volume')
        failed = 'AttachVolumeTask'
    compute.attach_volume(_ctxt(), instance, bdm)
    conductor = compute.conductor
    assert conductor.volume_status(bdm['volume_id']) == 'available'
    assert bdm['attachment_id'] not in conductor.attachments
    assert conductor.bdms == {}
    assert _guest_volumes(compute, instance) == {}
    saved = conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ACTIVE, None)
    assert 'injected failure' in conductor.faults[0]['message']
    assert _events(compute, 'Error') == [failed]


def test_detach_unplugs_the_volume(compute):
    instance = _instance(compute)
    bdm = _attached(compute, instance)
    compute.detach_volume(_ctxt(), instance, bdm)
    conductor = compute.conductor
    assert conductor.volume_status(bdm['volume_id']) == 'available'
    assert conductor.bdms == {} and conductor.attachments == {}
    assert _guest_volumes(compute, instance) == {}
    assert _events(compute) == [
        'DetachFailedOnRevertTask', 'DetachVolumeTask', 'DestroyBDMTask',
        'DeleteAttachmentTask']


@pytest.mark.parametrize('inject', ['last_task', 'driver'])
def test_detach_failure_keeps_the_volume_in_use(compute, failing_driver,
                                                inject):
    instance = _instance(compute)
    bdm = _attached(compute, instance)
    if inject == 'last_task':
        compute.conductor.fail_methods.add('volume_attachment_delete')
        failed = 'DeleteAttachmentTask'
    else:
        failing_driver('detach_volume')
        failed = 'DetachVolumeTask'
    compute.detach_volume(_ctxt(), instance, bdm)
    conductor = compute.conductor
    assert conductor.volume_status(bdm['volume_id']) == 'in-use'
    assert conductor.bdms[bdm['uuid']] == bdm           # made again
    assert bdm['attachment_id'] in conductor.attachments
    assert _guest_volumes(compute, instance) == {
        '/dev/vdb': bdm['connection_info']}             # plugged in again
    assert 'injected failure' in conductor.faults[0]['message']
    assert _events(compute, 'Error') == [failed]


def test_detach_from_a_missing_guest_is_fine(compute):
    instance = _instance(compute)
    bdm = _attached(compute, instance)
    compute.driver.destroy(instance)
    compute.detach_volume(_ctxt(), instance, bdm)
    assert compute.conductor.volume_status(bdm['volume_id']) == 'available'


def test_spawn_boots_from_a_volume(compute):
    instance = _instance(compute, states.BUILDING, None, guest=False)
    root = compute.conductor.add_volume(instance['uuid'], '/dev/vda', 0)
    data = compute.conductor.add_volume(instance['uuid'], '/dev/vdb')
    compute.build_and_run_instance(_ctxt(), instance, {
        'id': 'img', 'properties': {}})
    conductor = compute.conductor
    saved = conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ACTIVE, None)
    guest = compute.driver._guests[instance['uuid']]
    assert (guest['root_volume'], guest['image'], guest['root_gb']) == (
        root['volume_id'], None, 0)
    assert sorted(guest['volumes']) == ['/dev/vda', '/dev/vdb']
    for bdm in (root, data):
        assert conductor.volume_status(bdm['volume_id']) == 'in-use'
        assert conductor.bdms[bdm['uuid']]['connection_info']
    assert 'ConnectBlockDevicesTask' in _events(compute)


def test_spawn_failure_with_a_boot_volume_is_error(compute):
    instance = _instance(compute, states.BUILDING, None, guest=False)
    compute.conductor.add_volume(instance['uuid'], '/dev/vda', 0)
    compute.conductor.fail_when = lambda values: 'launched_at' in values
    compute.build_and_run_instance(_ctxt(), instance, {'id': 'img'})
    saved = compute.conductor.instances[instance['uuid']]
    assert saved['vm_state'] == states.ERROR
    assert compute.driver.list_instance_uuids() == []


def test_unshelve_connects_volumes_attached_while_offloaded(compute):
    instance = _instance(compute, states.SHELVED_OFFLOADED,
                         states.UNSHELVING, guest=False)
    bdm = compute.conductor.add_volume(instance['uuid'])
    compute.unshelve_instance(_ctxt(), instance, {'id': 'shelved'})
    saved = compute.conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ACTIVE, None)
    assert compute.conductor.volume_status(bdm['volume_id']) == 'in-use'
    assert list(_guest_volumes(compute, instance)) == ['/dev/vdb']


def test_delete_releases_the_volumes(compute):
    instance = _instance(compute, states.ACTIVE, states.DELETING)
    keep = _attached(compute, instance)
    drop = compute.conductor.add_volume(instance['uuid'], '/dev/vdc',
                                        delete_on_termination=True)
    compute.terminate_instance(_ctxt(), instance)
    conductor = compute.conductor
    assert conductor.destroyed == [instance['uuid']]
    assert conductor.volume_status(keep['volume_id']) == 'available'
    assert conductor.deleted_volumes == [drop['volume_id']]
    assert conductor.bdms == {}
    assert 'ReleaseVolumesTask' in _events(compute)


def test_rebuild_keeps_the_attached_volumes(compute):
    instance = _instance(compute, states.ACTIVE, states.REBUILDING)
    bdm = _attached(compute, instance)
    compute.conductor.volumes[bdm['volume_id']]['status'] = 'in-use'
    compute.rebuild_instance(_ctxt(), instance, {'id': 'img2'})
    saved = compute.conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ACTIVE, None)
    assert compute.driver._guests[instance['uuid']]['image'] == 'img2'
    assert _guest_volumes(compute, instance) == {
        '/dev/vdb': bdm['connection_info']}
