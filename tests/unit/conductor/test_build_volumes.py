"""The build flow of servers that get new volumes (boot from volume): the
volume made through the block storage API (a stand-in that answers with a
row), waited for, reserved; a volume in error or one that never gets ready
ends the build in ERROR with nova's message; nothing of the host's disk is
claimed for a volume-backed server."""
import uuid

import pytest

from stratus.common import context
from stratus.common.conf import CONF
from stratus.compute import server_volumes
from stratus.conductor.flows import build
from stratus.db.api import block_devices
from stratus.db.api import instances
from stratus.db.api import volumes as db_volumes
from stratus.volume import api as volume_api
from stratus.volume import attach_api

FLAVOR = {'flavorid': '1', 'name': 'tiny', 'vcpus': 1, 'memory_mb': 64,
          'root_gb': 5, 'ephemeral_gb': 0, 'swap': 0, 'extra_specs': {}}


class Scheduler:
    def __init__(self):
        self.specs = []

    def select_destinations(self, ctxt, spec, uuids):
        self.specs.append(spec)
        return [{'host': 'node1', 'node': 'node1',
                 'availability_zone': 'nova'} for _ in uuids]


class ComputeRPC:
    def __init__(self):
        self.casts = []

    def build_and_run_instance(self, ctxt, instance, image):
        self.casts.append((instance, image))


class BlockStorage(volume_api.VolumeAPI):
    """create() answers a row in `status` (the volume daemon's work done,
    or failed, or never finished)."""

    def __init__(self, status='available'):
        super().__init__()
        self.status = status
        self.requests = []

    def create(self, ctxt, request):
        self.requests.append(request)
        return db_volumes.create({
            'id': str(uuid.uuid4()), 'project_id': ctxt.project_id,
            'user_id': ctxt.user_id, 'size': request['size'],
            'status': self.status, 'host': None, 'image_id':
            request.get('image_id'), 'availability_zone': 'nova'})


@pytest.fixture
def storage(db, monkeypatch):
    def use(status='available'):
        api = BlockStorage(status)
        monkeypatch.setitem(server_volumes._APIS, 'volume', api)
        monkeypatch.setitem(server_volumes._APIS, 'attach',
                            attach_api.AttachAPI(api))
        return api
    return use


@pytest.fixture
def ctxt(db):
    return context.RequestContext(user_id='u', project_id='p',
                                  roles=['member'])


def _server():
    row = instances.create([{
        'project_id': 'p', 'user_id': 'u', 'display_name': 'vm',
        'flavor': FLAVOR, 'vcpus': 1, 'memory_mb': 64, 'root_gb': 5,
        'vm_state': 'building', 'task_state': 'scheduling',
        'image_ref': ''}])[0]
    root = block_devices.create({
        'instance_uuid': row['uuid'], 'source_type': 'image',
        'destination_type': 'volume', 'boot_index': 0,
        'device_name': '/dev/vda', 'image_id': 'img-1', 'volume_size': 2,
        'delete_on_termination': True})
    return row['uuid'], root


def _build(ctxt, uuid_, scheduler, compute_rpc):
    events = []
    build.run(ctxt, [uuid_], {
        'flavor': FLAVOR, 'image': {'id': 'img-1', 'properties': {}},
        'volume_backed': True, 'volumes': True}, scheduler, compute_rpc,
        events.extend)
    return [e['event'].split(':')[1] for e in events]


def test_boot_volume_is_made_waited_for_and_reserved(ctxt, storage):
    api = storage()
    uuid_, root = _server()
    scheduler, compute_rpc = Scheduler(), ComputeRPC()
    events = _build(ctxt, uuid_, scheduler, compute_rpc)
    assert events == ['BuildErrorOnRevertTask', 'SelectDestinationsTask',
                      'CreateVolumesTask', 'WaitForVolumesTask',
                      'ReserveVolumesTask', 'DispatchBuildTask']
    assert api.requests[0]['image_id'] == 'img-1'
    assert api.requests[0]['size'] == 2
    bdm = block_devices.get(root['uuid'])
    assert bdm['volume_id'] and bdm['attachment_id']
    volume = db_volumes.get(bdm['volume_id'])
    assert (volume['status'], volume['project_id']) == ('reserved', 'p')
    assert scheduler.specs[0]['flavor']['root_gb'] == 0
    [(instance, image)] = compute_rpc.casts
    assert instance['uuid'] == uuid_ and image['id'] == 'img-1'


def test_a_volume_in_error_fails_the_build(ctxt, storage):
    storage('error')
    uuid_, root = _server()
    compute_rpc = ComputeRPC()
    events = _build(ctxt, uuid_, Scheduler(), compute_rpc)
    assert 'WaitForVolumesTask' in events and compute_rpc.casts == []
    saved = instances.get(uuid_)
    assert saved['vm_state'] == 'error'
    assert 'did not finish being created' in saved['fault']['message']
    assert 'its status is error' in saved['fault']['message']


def test_a_volume_never_ready_times_out(ctxt, storage):
    storage('creating')
    CONF.set_override('block_device_allocate_retries', 3)
    CONF.set_override('block_device_allocate_retries_interval', 0.05)
    try:
        uuid_, root = _server()
        _build(ctxt, uuid_, Scheduler(), ComputeRPC())
    finally:
        CONF.clear_override('block_device_allocate_retries')
        CONF.clear_override('block_device_allocate_retries_interval')
    fault = instances.get(uuid_)['fault']['message']
    assert '3 attempts' in fault and 'status is creating' in fault
