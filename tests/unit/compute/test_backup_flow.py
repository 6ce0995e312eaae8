"""The backup flow against the fake driver, a fake conductor and a fake
image service: upload, task_state back to None, then the rotation keeps
the newest `rotation` backups of that server and type (0 keeps none)."""
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
    """Backups listed newest first, as the image API sorts them."""

    def __init__(self):
        self.data = {}
        self.deleted = []
        self.backups = []
        self.listed = []

    def update(self, image_id, **fields):
        pass

    def upload(self, image_id, f, size=None):
        self.data[image_id] = f.read()

    def list(self, **filters):
        self.listed.append(filters)
        return [b for b in self.backups if b['id'] not in self.deleted]

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


def _instance(compute):
    instance = {'uuid': str(uuid.uuid4()), 'host': 'node1', 'node': 'node1',
                'vm_state': states.ACTIVE, 'task_state': states.IMAGE_BACKUP,
                'power_state': states.RUNNING, 'flavor': FLAVOR,
                'system_metadata': {}}
    compute.driver.spawn(None, instance, {'id': 'img'})
    return compute.conductor.add(instance)


def _ctxt():
    ctxt = context.get_admin_context()
    ctxt.auth_token = 'token'
    return ctxt


@pytest.mark.parametrize('rotation,kept', [(2, ['new', 'b1']), (1, ['new']),
                                           (0, []), (5, ['new', 'b1', 'b2'])])
def test_backup_uploads_then_rotates(compute, rotation, kept):
    instance = _instance(compute)
    compute.images.backups = [{'id': i} for i in ('new', 'b1', 'b2')]
    compute.backup_instance(_ctxt(), instance, 'new', 'daily', rotation)
    saved = compute.conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ACTIVE, None)
    assert compute.images.data['new'].startswith(b'fake disk of')
    assert compute.images.listed == [{
        'image_type': 'backup', 'backup_type': 'daily',
        'instance_uuid': instance['uuid'], 'sort_key': 'created_at',
        'sort_dir': 'desc'}]
    assert [b['id'] for b in compute.images.backups
            if b['id'] not in compute.images.deleted] == kept


def test_a_failed_rotation_delete_goes_on(compute):
    instance = _instance(compute)
    compute.images.backups = [{'id': i} for i in ('new', 'b1', 'b2')]
    calls = []

    def delete(image_id):
        calls.append(image_id)
        if image_id == 'b1':
            raise RuntimeError('image service down')
    compute.images.delete = delete
    compute.backup_instance(_ctxt(), instance, 'new', 'daily', 1)
    assert calls == ['b1', 'b2']


def test_backup_upload_failure_deletes_the_image(compute):
    instance = _instance(compute)
    compute.conductor.fail_when = lambda values: values == {
        'task_state': None}
    compute.backup_instance(_ctxt(), instance, 'bk-2', 'daily', 1)
    assert compute.images.deleted == ['bk-2']
    assert compute.images.listed == []


def test_inject_network_info_and_diagnostics(compute):
    instance = _instance(compute)
    compute.inject_network_info(_ctxt(), instance)
    legacy = compute.get_diagnostics(_ctxt(), instance)
    assert legacy['memory'] == 64 * 1024
    standard = compute.get_instance_diagnostics(_ctxt(), instance)
    assert standard['num_cpus'] == 1 and standard['state'] == 'running'
