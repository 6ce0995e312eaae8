"""Snapshot, shelve (+offload) and unshelve flows against the fake driver,
a fake conductor and a fake image service: success, and a failure injected
in each flow's last task."""
import uuid

import pytest

from stratus.common import context
from stratus.compute import manager
from stratus.compute import states
from stratus.compute.tasks import image as image_tasks
from stratus.compute.virt import fake
from support.fake_conductor import FakeConductor

FLAVOR = {'flavorid': '1', 'vcpus': 1, 'memory_mb': 64, 'root_gb': 1}


class FakeImages:
    def __init__(self):
        self.data = {}
        self.deleted = []

    def update(self, image_id, **fields):
        pass

    def upload(self, image_id, f, size=None):
        self.data[image_id] = f.read()

    def delete(self, image_id):
        self.deleted.append(image_id)


@pytest.fixture
def compute(monkeypatch, tmp_path):
    from stratus.common.conf import CONF
    CONF.set_override('state_path', str(tmp_path))
    images = FakeImages()
    monkeypatch.setattr(image_tasks, 'client_for', lambda ctxt: images)
    driver = fake.FakeDriver()
    driver.init_host('node1')
    mgr = manager.ComputeManager('node1', driver, FakeConductor())
    mgr.images = images
    yield mgr
    CONF.clear_override('state_path')


def _instance(compute, vm_state, task_state, guest=True, meta=None):
    instance = {'uuid': str(uuid.uuid4()), 'host': 'node1', 'node': 'node1',
                'vm_state': vm_state, 'task_state': task_state,
                'power_state': states.RUNNING, 'flavor': FLAVOR,
                'system_metadata': meta or {}}
    if guest:
        compute.driver.spawn(None, instance, {'id': 'img'})
    return compute.conductor.add(instance)


def _ctxt():
    ctxt = context.get_admin_context()
    ctxt.auth_token = 'token'
    return ctxt


def test_snapshot_uploads_and_clears_the_task(compute):
    instance = _instance(compute, states.ACTIVE,
                         states.IMAGE_SNAPSHOT_PENDING)
    compute.snapshot_instance(_ctxt(), instance, 'snap-1')
    saved = compute.conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ACTIVE, None)
    assert compute.images.data['snap-1'].startswith(b'fake disk of')


def test_snapshot_failure_in_last_task_deletes_the_image(compute):
    instance = _instance(compute, states.ACTIVE,
                         states.IMAGE_SNAPSHOT_PENDING)
    compute.conductor.fail_when = lambda values: values == {
        'task_state': None}
    compute.snapshot_instance(_ctxt(), instance, 'snap-2')
    assert compute.images.deleted == ['snap-2']
    assert compute.conductor.faults


def test_shelve_offloads_by_default(compute):
    instance = _instance(compute, states.ACTIVE, states.SHELVING)
    compute.shelve_instance(_ctxt(), instance, 'shelved-1')
    saved = compute.conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state'], saved['host']) == (
        states.SHELVED_OFFLOADED, None, None)
    assert saved['system_metadata']['shelved_image_id'] == 'shelved-1'
    assert compute.driver.list_instance_uuids() == []
    assert compute.conductor.released == [instance['uuid']]


def test_shelve_failure_in_last_task_restores_the_guest(compute):
    instance = _instance(compute, states.ACTIVE, states.SHELVING)
    compute.conductor.fail_when = lambda values: values.get(
        'vm_state') == states.SHELVED
    compute.shelve_instance(_ctxt(), instance, 'shelved-2')
    saved = compute.conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ACTIVE, None)
    assert compute.driver.get_power_state(saved) == states.RUNNING
    assert compute.images.deleted == ['shelved-2']


def test_offload_failure_in_last_task_stays_shelved(compute):
    instance = _instance(compute, states.SHELVED, states.SHELVING_OFFLOADING)
    compute.conductor.fail_when = lambda values: values.get(
        'vm_state') == states.SHELVED_OFFLOADED
    compute.shelve_offload_instance(_ctxt(), instance)
    saved = compute.conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.SHELVED, None)


def test_unshelve_spawns_and_deletes_the_image(compute):
    instance = _instance(compute, states.SHELVED_OFFLOADED,
                         states.UNSHELVING, guest=False,
                         meta={'shelved_image_id': 'shelved-3'})
    compute.unshelve_instance(_ctxt(), instance, {'id': 'shelved-3'})
    saved = compute.conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ACTIVE, None)
    assert 'shelved_image_id' not in saved['system_metadata']
    assert compute.images.deleted == ['shelved-3']


def test_unshelve_events_ride_on_its_save_but_the_image_deletion(compute):
    """The save carries the steps so far; only the image deletion, after
    it, is recorded on its own."""
    instance = _instance(compute, states.SHELVED_OFFLOADED,
                         states.UNSHELVING, guest=False,
                         meta={'shelved_image_id': 'shelved-5'})
    compute.unshelve_instance(_ctxt(), instance, {'id': 'shelved-5'})
    carried, trailing = compute.conductor.event_writes
    assert carried[0] == 'update' and trailing == ('record', 1)
    names = [e['event'].split(':')[1] for e in compute.conductor.events]
    assert names[-2:] == ['SaveUnshelvedTask', 'DeleteShelvedImageTask']
    assert len(names) == len(set(names))


def test_unshelve_failure_goes_back_to_offloaded(compute):
    instance = _instance(compute, states.SHELVED_OFFLOADED,
                         states.UNSHELVING, guest=False,
                         meta={'shelved_image_id': 'shelved-4'})
    compute.conductor.fail_when = lambda values: values.get(
        'vm_state') == states.ACTIVE
    compute.unshelve_instance(_ctxt(), instance, {'id': 'shelved-4'})
    saved = compute.conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state'], saved['host']) == (
        states.SHELVED_OFFLOADED, None, None)
    assert compute.driver.list_instance_uuids() == []
    assert compute.conductor.released == [instance['uuid']]
    assert compute.images.deleted == []
