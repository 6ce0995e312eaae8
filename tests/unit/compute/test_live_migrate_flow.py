"""Live migration between two computes (fake drivers, a fake conductor,
RPC delivered in-process): the guest and its volumes move, the server
lands on the destination; failures at each step leave it ACTIVE on the
source with the migration 'error' and no fault (nova records none), an
abort ends it 'cancelled', force complete cuts a running move short.

The libvirt driver's path (virDomainMigrateToURI3 to the destination's
libvirt) is tested at its seams in tests/unit/compute/virt: on this
machine both computes of a test share one libvirtd, so a real libvirt
live migration cannot run end to end here."""
import threading
import time
import uuid

import pytest

from stratus.common import context
from stratus.common.conf import CONF
from stratus.compute import manager
from stratus.compute import states
from stratus.compute.virt import fake
from support.fake_conductor import FakeConductor

FLAVOR = {'flavorid': '1', 'vcpus': 1, 'memory_mb': 512, 'root_gb': 1,
          'ephemeral_gb': 0}


class LocalRPC:
    """Calls and casts go straight to the manager of the named host."""

    def __init__(self, managers):
        self.managers = managers
        self.sent = []

    def __getattr__(self, method):
        def send(ctxt, host, instance, *args, **kwargs):
            self.sent.append((method, host))
            return getattr(self.managers[host], method)(ctxt, instance,
                                                         *args, **kwargs)
        return send


@pytest.fixture
def cloud():
    conductor = FakeConductor()
    conductor.migrations = {}
    conductor.history = []

    def migration_update(ctxt, migration_uuid, values):
        conductor.migrations.setdefault(migration_uuid, {}).update(values)
        conductor.history.append(values.get('status'))
    conductor.migration_update = migration_update
    conductor.moves = []
    conductor.claims_move = lambda ctxt, a, b: conductor.moves.append((a, b))
    managers = {}
    for host in ('node1', 'node2'):
        driver = fake.FakeDriver()
        driver.init_host(host)
        managers[host] = manager.ComputeManager(host, driver, conductor)
    rpc = LocalRPC(managers)
    for mgr in managers.values():
        mgr.compute_rpc = rpc
    return conductor, managers, rpc


def _instance(cloud, vm_state=states.ACTIVE, power=states.RUNNING):
    conductor, managers, _ = cloud
    instance = {'uuid': str(uuid.uuid4()), 'host': 'node1', 'node': 'node1',
                'vm_state': vm_state, 'task_state': states.MIGRATING,
                'power_state': power, 'flavor': FLAVOR,
                'system_metadata': {}}
    managers['node1'].driver.spawn(None, instance, {'id': 'img'})
    if power == states.PAUSED_POWER:
        managers['node1'].driver.pause(instance)
    return conductor.add(instance)


def _migrate(cloud, instance):
    conductor, managers, _ = cloud
    migration = {'uuid': str(uuid.uuid4()), 'id': 1,
                 'source_compute': 'node1', 'source_node': 'node1',
                 'dest_compute': 'node2', 'dest_node': 'node2'}
    ctxt = context.get_admin_context()
    dest_data = managers['node2'].check_can_live_migrate_destination(
        ctxt, instance, False)
    managers['node1'].live_migration(ctxt, instance, migration, dest_data,
                                     False)
    return conductor.instances[instance['uuid']], migration


def test_the_guest_moves_and_the_server_lands_on_the_destination(cloud):
    conductor, managers, _ = cloud
    instance, migration = _migrate(cloud, _instance(cloud))
    assert (instance['vm_state'], instance['task_state'], instance['host'],
            instance['node']) == (states.ACTIVE, None, 'node2', 'node2')
    assert managers['node2'].driver.get_power_state(instance) == \
        states.RUNNING
    assert managers['node1'].driver.list_instance_uuids() == []
    assert conductor.history == ['queued', 'preparing', 'running',
                                 'completed']
    # The source claim (the migration's) goes; the destination's stays.
    assert conductor.released == [migration['uuid']]
    assert conductor.faults == []
    # Each step is an event of the 'live-migration' action (stratus names
    # them <nova's event>:<task>).
    assert {(e['event'], e['result']) for e in conductor.events} >= {
        ('compute_live_migration:MoveGuestTask', 'Success'),
        ('compute_live_migration:PostLiveMigrationTask', 'Success')}


def test_a_paused_server_stays_paused_where_it_lands(cloud):
    conductor, managers, _ = cloud
    instance, _ = _migrate(cloud, _instance(cloud, states.PAUSED,
                                            states.PAUSED_POWER))
    assert (instance['vm_state'], instance['host'],
            instance['power_state']) == (states.PAUSED, 'node2',
                                         states.PAUSED_POWER)


def test_volumes_move_to_new_attachments(cloud):
    conductor, managers, _ = cloud
    server = _instance(cloud)
    bdm = conductor.add_volume(server['uuid'], status='in-use',
                               attach_status='attached')
    managers['node1'].driver.attach_volume(server, {'old': True},
                                           '/dev/vdb')
    instance, _ = _migrate(cloud, server)
    moved = conductor.bdms[bdm['uuid']]
    assert moved['attachment_id'] != bdm['attachment_id']
    assert bdm['attachment_id'] not in conductor.attachments
    attachment = conductor.attachments[moved['attachment_id']]
    assert attachment['status'] == 'attached'
    assert attachment['connector']['host'] == 'node2'
    assert conductor.volume_status(bdm['volume_id']) == 'in-use'
    guest = managers['node2'].driver._guests[instance['uuid']]
    assert guest['volumes'] == {'/dev/vdb': moved['connection_info']}


@pytest.mark.parametrize('method', ['pre_live_migration', 'live_migration'])
def test_a_failure_leaves_the_server_active_on_the_source(cloud, method,
                                                          monkeypatch):
    conductor, managers, rpc = cloud
    server = _instance(cloud)
    bdm = conductor.add_volume(server['uuid'], status='in-use',
                               attach_status='attached')
    driver = managers['node2' if method == 'pre_live_migration'
                      else 'node1'].driver

    def broken(*args, **kwargs):
        raise fake.driver.DriverError(reason='injected')
    monkeypatch.setattr(driver, method, broken)
    instance, migration = _migrate(cloud, server)
    assert (instance['vm_state'], instance['task_state'],
            instance['host']) == (states.ACTIVE, None, 'node1')
    assert conductor.migrations[migration['uuid']]['status'] == 'error'
    assert conductor.faults == []
    assert managers['node1'].driver.get_power_state(instance) == \
        states.RUNNING
    assert managers['node2'].driver.list_instance_uuids() == []
    # Destination claim released, the source's back with the instance.
    assert conductor.released == [instance['uuid']]
    assert conductor.moves == [(migration['uuid'], instance['uuid'])]
    # The volume keeps its source attachment only.
    assert conductor.bdms[bdm['uuid']]['attachment_id'] == \
        bdm['attachment_id']
    assert [a for a in conductor.attachments.values()
            if a['volume_id'] == bdm['volume_id']] == [
        conductor.attachments[bdm['attachment_id']]]
    errors = [e for e in conductor.events if e['result'] == 'Error']
    assert errors


def test_a_failure_after_the_move_is_an_error(cloud, monkeypatch):
    conductor, managers, _ = cloud

    def broken(*args, **kwargs):
        raise fake.driver.DriverError(reason='injected')
    monkeypatch.setattr(managers['node2'].driver,
                        'post_live_migration_at_destination', broken)
    instance, migration = _migrate(cloud, _instance(cloud))
    assert instance['vm_state'] == states.ERROR
    assert instance['task_state'] is None
    assert conductor.migrations[migration['uuid']]['status'] == 'error'
    assert conductor.faults


def _running(cloud, monkeypatch, seconds=30):
    """A live migration held in 'running' by the fake driver, in a
    thread; returns (instance, migration, thread)."""
    conductor, managers, _ = cloud
    monkeypatch.setattr(fake.CONF.fake_driver, 'live_migration_seconds',
                        seconds)
    instance = _instance(cloud)
    result = {}
    thread = threading.Thread(target=lambda: result.update(zip(
        ('instance', 'migration'), _migrate(cloud, instance))))
    thread.start()
    deadline = time.time() + 10
    while conductor.history[-1:] != ['running'] and time.time() < deadline:
        time.sleep(0.01)
    assert conductor.history[-1] == 'running'
    return instance, result, thread


def test_force_complete_cuts_a_running_move_short(cloud, monkeypatch):
    conductor, managers, _ = cloud
    instance, result, thread = _running(cloud, monkeypatch)
    started = time.time()
    managers['node1'].live_migration_force_complete(
        context.get_admin_context(), instance, 'm')
    thread.join(10)
    assert time.time() - started < 5
    assert result['instance']['host'] == 'node2'
    assert conductor.history[-1] == 'completed'
    assert ('compute_live_migration_force_complete', 'Success') in {
        (e['event'], e['result']) for e in conductor.events}


def test_abort_of_a_running_move_cancels_it(cloud, monkeypatch):
    conductor, managers, _ = cloud
    instance, result, thread = _running(cloud, monkeypatch)
    managers['node1'].live_migration_abort(context.get_admin_context(),
                                           instance, 'm')
    thread.join(10)
    saved = result['instance']
    assert (saved['vm_state'], saved['task_state'], saved['host']) == (
        states.ACTIVE, None, 'node1')
    assert conductor.history[-1] == 'cancelled'
    assert managers['node1'].driver.get_power_state(saved) == \
        states.RUNNING
    assert ('compute_live_migration_abort', 'Success') in {
        (e['event'], e['result']) for e in conductor.events}


def test_abort_before_the_move_cancels_it(cloud, monkeypatch):
    conductor, managers, rpc = cloud
    instance = _instance(cloud)
    real = managers['node2'].pre_live_migration

    def abort_meanwhile(ctxt, instance, *args, **kwargs):
        # The abort arrives while the destination prepares.
        managers['node1'].live_migration_abort(ctxt, instance, 'm')
        return real(ctxt, instance, *args, **kwargs)
    monkeypatch.setattr(managers['node2'], 'pre_live_migration',
                        abort_meanwhile)
    saved, migration = _migrate(cloud, instance)
    assert (saved['task_state'], saved['host']) == (None, 'node1')
    assert conductor.migrations[migration['uuid']]['status'] == 'cancelled'
    assert ('rollback_live_migration_at_destination', 'node2') in rpc.sent


def test_a_restart_mid_migration_leaves_no_server_migrating(cloud,
                                                            tmp_path):
    conductor, managers, _ = cloud
    instance = _instance(cloud)
    CONF.set_override('state_path', str(tmp_path))
    try:
        # The killed compute had started the migration (its journal says).
        from stratus.compute import journal
        journal.Journal('node1').begin('req-1', instance, 'live_migrate',
                                       'compute_live_migration')
        managers['node1'].init_host(context.get_admin_context())
    finally:
        CONF.clear_override('state_path')
    saved = conductor.instances[instance['uuid']]
    assert (saved['vm_state'], saved['task_state']) == (states.ACTIVE, None)
