"""Rebuild of a volume-backed server on the fake driver and the fake
conductor: from 2.93 the root volume is handed over, re-imaged and
connected again (one attachment, in-use, the new guest boots from it);
below, or for an image-backed server, the volumes stay as they were."""
import uuid

import pytest

from stratus.common import context
from stratus.compute import manager
from stratus.compute import states
from stratus.compute.flows import rebuild
from stratus.compute.virt import fake
from support.fake_conductor import FakeConductor

FLAVOR = {'flavorid': '1', 'name': 'm1', 'vcpus': 1, 'memory_mb': 64,
          'root_gb': 1, 'ephemeral_gb': 0, 'swap': 0}


@pytest.fixture
def compute():
    driver = fake.FakeDriver()
    driver.init_host('node1')
    return manager.ComputeManager('node1', driver, FakeConductor())


def _server(compute):
    """A volume-backed server with a data volume, both connected."""
    conductor = compute.conductor
    instance = {'uuid': str(uuid.uuid4()), 'host': 'node1', 'node': 'node1',
                'vm_state': states.ACTIVE, 'task_state': states.REBUILDING,
                'power_state': states.RUNNING, 'flavor': FLAVOR,
                'system_metadata': {}, 'image_ref': ''}
    devices = []
    for device, boot_index in (('/dev/vda', 0), ('/dev/vdb', None)):
        bdm = conductor.add_volume(instance['uuid'], device, boot_index)
        info = conductor.volume_attachment_update(
            None, bdm['attachment_id'], {'host': 'node1'})
        conductor.volume_attachment_complete(None, bdm['attachment_id'])
        conductor.bdm_update(None, bdm['uuid'], {'connection_info': info})
        devices.append(dict(bdm, connection_info=info))
    compute.driver.spawn(None, instance, None, block_devices=devices)
    return conductor.add(instance), devices


def _ctxt():
    return context.get_admin_context()


def test_flow_contract():
    flow = rebuild.get_flow(fake.FakeDriver(), FakeConductor())
    assert set(flow.requires) == {'ctxt', 'instance', 'image',
                                  'reimage_boot_volume'}


def test_reimage_rebuilds_the_root_volume(compute):
    conductor = compute.conductor
    instance, (root, data) = _server(compute)
    compute.rebuild_instance(_ctxt(), instance, {'id': 'img2'},
                             reimage_boot_volume=True)
    saved = conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ACTIVE, None)
    assert conductor.volumes[root['volume_id']]['image_id'] == 'img2'
    for bdm in (root, data):
        attachments = [a for a in conductor.attachments.values()
                       if a['volume_id'] == bdm['volume_id']]
        assert [a['status'] for a in attachments] == ['attached']
        assert conductor.volume_status(bdm['volume_id']) == 'in-use'
    # The root volume has a new attachment; the data volume keeps its own.
    assert conductor.bdms[root['uuid']]['attachment_id'] != \
        root['attachment_id']
    assert conductor.bdms[data['uuid']]['attachment_id'] == \
        data['attachment_id']
    guest = compute.driver._guests[instance['uuid']]
    assert guest['root_volume'] == root['volume_id']
    assert set(guest['volumes']) == {'/dev/vda', '/dev/vdb'}


def test_without_reimage_the_root_volume_stays(compute):
    conductor = compute.conductor
    instance, (root, data) = _server(compute)
    compute.rebuild_instance(_ctxt(), instance, {'id': 'img2'})
    saved = conductor.instances[instance['uuid']]
    assert saved['vm_state'] == states.ACTIVE
    assert 'image_id' not in conductor.volumes[root['volume_id']]
    assert conductor.bdms[root['uuid']]['attachment_id'] == \
        root['attachment_id']


def test_reimage_failure_is_error(compute):
    conductor = compute.conductor
    instance, (root, data) = _server(compute)
    conductor.fail_methods.add('volume_reimage')
    compute.rebuild_instance(_ctxt(), instance, {'id': 'img2'},
                             reimage_boot_volume=True)
    saved = conductor.instances[instance['uuid']]
    assert saved['vm_state'] == states.ERROR
    # The root volume stays reserved for the server (as nova leaves it).
    (attachment,) = [a for a in conductor.attachments.values()
                     if a['volume_id'] == root['volume_id']]
    assert attachment['status'] == 'reserved'


# --- waiting for the block storage's volume-reimaged event ------------------
ABORTED = 'Build of instance %s aborted: Failed to rebuild volume backed ' \
          'instance.'


def _wait_for_waiter(instance_uuid, timeout=5):
    import time

    from stratus.compute import instance_events
    deadline = time.monotonic() + timeout
    while not any(key[0] == instance_uuid
                  for key in instance_events._waiting):
        assert time.monotonic() < deadline, 'nobody waits'
        time.sleep(0.01)


def _event(instance, volume_id, status='completed'):
    return {'name': 'volume-reimaged', 'server_uuid': instance['uuid'],
            'tag': volume_id, 'status': status}


def test_the_rebuild_waits_for_the_event_while_rebuilding(compute):
    """The event comes through external_instance_event (another RPC
    thread); until then the server is rebuilding, as nova's is."""
    import threading
    conductor = compute.conductor
    conductor.reimage_event = None
    instance, (root, _data) = _server(compute)
    seen = {}

    def block_storage():
        _wait_for_waiter(instance['uuid'])
        seen['task_state'] = conductor.instances[instance['uuid']][
            'task_state']
        compute.external_instance_event(
            _ctxt(), [instance], [_event(instance, root['volume_id'])])
    thread = threading.Thread(target=block_storage)
    thread.start()
    compute.rebuild_instance(_ctxt(), instance, {'id': 'img2', 'size': 5},
                             reimage_boot_volume=True)
    thread.join(5)
    assert seen['task_state'] == states.REBUILDING
    saved = conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ACTIVE, None)
    assert conductor.volume_status(root['volume_id']) == 'in-use'
    from stratus.compute import instance_events
    assert not any(k[0] == instance['uuid'] for k in instance_events._waiting)


@pytest.mark.parametrize('event', ['failed', None])
def test_a_failed_or_missing_event_is_error_with_nova_fault(compute,
                                                            monkeypatch,
                                                            event):
    from stratus.compute.tasks import volume_rebuild
    monkeypatch.setattr(volume_rebuild, 'reimage_timeout', lambda i: 0.2)
    conductor = compute.conductor
    conductor.reimage_event = event
    instance, (root, _data) = _server(compute)
    compute.rebuild_instance(_ctxt(), instance, {'id': 'img2', 'size': 5},
                             reimage_boot_volume=True)
    saved = conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ERROR, None)
    [fault] = conductor.faults
    assert (fault['code'], fault['message']) == (
        500, ABORTED % instance['uuid'])
    (attachment,) = [a for a in conductor.attachments.values()
                     if a['volume_id'] == root['volume_id']]
    assert attachment['status'] == 'reserved'
    from stratus.compute import instance_events
    assert not any(k[0] == instance['uuid'] for k in instance_events._waiting)


def test_a_failed_reimage_call_has_nova_fault(compute):
    conductor = compute.conductor
    instance, _devices = _server(compute)
    conductor.fail_methods.add('volume_reimage')
    compute.rebuild_instance(_ctxt(), instance, {'id': 'img2'},
                             reimage_boot_volume=True)
    [fault] = conductor.faults
    assert fault['message'] == ABORTED % instance['uuid']


@pytest.mark.parametrize('size,seconds', [
    (None, 20), (1, 20), (1024 ** 3, 20), (1024 ** 3 + 1, 40),
    (6 * 1024 ** 3, 120)])
def test_the_wait_is_nova_s_per_gib_of_the_image(size, seconds):
    from stratus.compute.tasks import volume_rebuild
    assert volume_rebuild.reimage_timeout({'size': size}) == seconds


def test_the_option_sets_the_wait():
    from stratus.common.conf import CONF
    from stratus.compute.tasks import volume_rebuild
    CONF.set_override('reimage_timeout_per_gb', 3)
    try:
        assert volume_rebuild.reimage_timeout({'size': 2 * 1024 ** 3}) == 6
    finally:
        CONF.clear_override('reimage_timeout_per_gb')


def test_an_event_nobody_waits_for_is_dropped(compute):
    instance, (root, _data) = _server(compute)
    compute.external_instance_event(
        _ctxt(), [instance], [_event(instance, root['volume_id'])])
    assert compute.conductor.instances[instance['uuid']]['task_state'] == \
        states.REBUILDING


def test_a_restart_while_waiting_leaves_error_with_a_fault(compute):
    """The waiter dies with the process; on start the compute puts the
    server, still rebuilding, in ERROR with a fault."""
    from stratus.compute import reconcile
    conductor = compute.conductor
    instance, (root, _data) = _server(compute)
    reconcile.recover(_ctxt(), 'node1', compute.driver, conductor)
    saved = conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ERROR, None)
    assert 'restart' in conductor.faults[0]['message']
