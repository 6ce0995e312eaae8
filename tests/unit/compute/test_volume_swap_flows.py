"""The volume swap flow (nova's swap_volume, asked for by a migration of
an attached volume) against the fake driver and the fake conductor:
success (the guest uses the new volume, the mapping keeps the old id with
the new attachment, the migration completes), and failures in the driver
and in each later step (the guest keeps the old volume, the new
attachment goes, the migration is told it failed)."""
import uuid

import pytest

from stratus.common import context
from stratus.common.conf import CONF
from stratus.compute import manager
from stratus.compute import states
from stratus.compute.flows import volume_swap
from stratus.compute.virt import fake
from support.fake_conductor import FakeConductor

FLAVOR = {'flavorid': '1', 'name': 'm1', 'vcpus': 1, 'memory_mb': 64,
          'root_gb': 1, 'ephemeral_gb': 0, 'swap': 0}


@pytest.fixture
def compute():
    driver = fake.FakeDriver()
    driver.init_host('node1')
    return manager.ComputeManager('node1', driver, FakeConductor())


@pytest.fixture
def failing_driver():
    def fail(*methods):
        CONF.set_override('fail_methods', list(methods), 'fake_driver')
    yield fail
    CONF.clear_override('fail_methods', 'fake_driver')


def _ctxt():
    ctxt = context.get_admin_context()
    ctxt.auth_token = 'token'
    return ctxt


def _instance(compute):
    instance = {'uuid': str(uuid.uuid4()), 'host': 'node1', 'node': 'node1',
                'vm_state': states.ACTIVE, 'task_state': None,
                'power_state': states.RUNNING, 'flavor': FLAVOR,
                'system_metadata': {}, 'image_ref': 'img'}
    compute.driver.spawn(None, instance, {'id': 'img'})
    return compute.conductor.add(instance)


def _guest_volumes(compute, instance):
    return compute.driver._guests[instance['uuid']]['volumes']


def _events(compute, result=None):
    return [e['event'].split(':', 1)[1] for e in compute.conductor.events
            if result is None or e['result'] == result]


def _attached(compute, instance):
    bdm = compute.conductor.add_volume(instance['uuid'])
    compute.attach_volume(_ctxt(), instance, bdm)
    compute.conductor.events.clear()
    return dict(compute.conductor.bdms[bdm['uuid']])


def _swap_ready(compute, instance):
    """An attached volume (in-use, migrating) and its copy with the
    attachment the API reserved for the server."""
    bdm = _attached(compute, instance)
    conductor = compute.conductor
    conductor.volumes[bdm['volume_id']]['status'] = 'in-use'
    new = conductor.add_volume(instance['uuid'], '/dev/vdb')
    # Only the reserved attachment exists for the new volume, no mapping.
    conductor.bdms.pop(new['uuid'])
    return bdm, new['volume_id'], new['attachment_id']


def _run(compute, instance, bdm, new_volume_id, new_attachment_id):
    compute.swap_volume(_ctxt(), instance, bdm, bdm['volume_id'],
                        new_volume_id, new_attachment_id)


def test_flow_contract():
    flow = volume_swap.get_flow(fake.FakeDriver(), FakeConductor())
    assert set(flow.requires) == {
        'ctxt', 'instance', 'bdm', 'old_volume_id', 'new_volume_id',
        'new_attachment_id'}
    assert set(flow.provides) == {'new_connection_info'}


def test_swap_moves_the_guest_to_the_new_volume(compute):
    instance = _instance(compute)
    bdm, new_id, new_attachment = _swap_ready(compute, instance)
    _run(compute, instance, bdm, new_id, new_attachment)
    conductor = compute.conductor
    saved = conductor.bdms[bdm['uuid']]
    # The mapping keeps the old id (the block storage's answer) and now
    # holds the new attachment and its connection.
    assert (saved['volume_id'], saved['attachment_id']) == (
        bdm['volume_id'], new_attachment)
    assert saved['connection_info']['data']['device_path'] == \
        '/dev/fake/%s' % new_id
    assert saved['connection_info']['serial'] == bdm['volume_id']
    assert saved['connection_info']['data']['volume_id'] == bdm['volume_id']
    assert _guest_volumes(compute, instance)['/dev/vdb']['data'][
        'device_path'] == '/dev/fake/%s' % new_id
    assert bdm['attachment_id'] not in conductor.attachments
    assert conductor.attachments[new_attachment]['status'] == 'attached'
    assert conductor.volume_status(new_id) == 'in-use'
    assert conductor.completions == [(bdm['volume_id'], new_id, False)]
    assert _events(compute) == [
        'SwapFailedOnRevertTask', 'ConnectNewVolumeTask',
        'SwapGuestVolumeTask', 'CompleteNewAttachmentTask',
        'FinishSwapTask']
    assert not conductor.faults


@pytest.mark.parametrize('inject,failed', [
    ('driver', 'SwapGuestVolumeTask'),
    ('volume_attachment_update', 'ConnectNewVolumeTask'),
    ('volume_attachment_complete', 'CompleteNewAttachmentTask'),
    ('volume_attachment_delete', 'FinishSwapTask'),
])
def test_swap_failure_keeps_the_old_volume(compute, failing_driver,
                                           inject, failed):
    instance = _instance(compute)
    bdm, new_id, new_attachment = _swap_ready(compute, instance)
    old_connection = _guest_volumes(compute, instance)['/dev/vdb']
    if inject == 'driver':
        failing_driver('swap_volume')
    else:
        compute.conductor.fail_methods.add(inject)
    _run(compute, instance, bdm, new_id, new_attachment)
    conductor = compute.conductor
    assert conductor.bdms[bdm['uuid']] == bdm
    assert _guest_volumes(compute, instance) == {'/dev/vdb': old_connection}
    assert bdm['attachment_id'] in conductor.attachments
    assert new_attachment not in conductor.attachments
    assert conductor.volume_status(bdm['volume_id']) == 'in-use'
    assert conductor.volume_status(new_id) == 'available'
    assert conductor.completions == [(bdm['volume_id'], new_id, True)]
    assert 'injected failure' in conductor.faults[0]['message']
    saved = conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == ('active', None)
    assert _events(compute, 'Error') == [failed]
