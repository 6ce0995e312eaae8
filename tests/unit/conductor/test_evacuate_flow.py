"""The conductor's side of an evacuation (real database, stand-ins for the
scheduler and the compute RPC): the dead host's claim kept by the
migration, the destination placed and told; no valid host leaves the
server in ERROR and the migration in error, as nova's conductor does;
evacuations_from_host lists what a returning compute cleans up."""
import pytest

from stratus.common import context
from stratus.common import exception
from stratus.conductor import manager as conductor_manager
from stratus.conductor.flows import evacuate
from stratus.db.api import allocations
from stratus.db.api import instances
from stratus.db.api import migration_records

FLAVOR = {'flavorid': '1', 'name': 'tiny', 'vcpus': 1, 'memory_mb': 64,
          'root_gb': 1, 'ephemeral_gb': 0, 'swap': 0, 'extra_specs': {}}
OPTIONS = {'password': 'pw', 'on_shared_storage': None,
           'target_state': None}


class Scheduler:
    def __init__(self, fail=None):
        self.fail = fail
        self.specs = []

    def select_destinations(self, ctxt, spec, uuids):
        self.specs.append(spec)
        if self.fail:
            raise self.fail
        for uuid_ in uuids:
            allocations.replace(uuid_, 'node2', 'node2', 1, 64, 1)
        return [{'host': 'node2', 'node': 'node2',
                 'availability_zone': 'az2'} for _ in uuids]


class ComputeRPC:
    def __init__(self):
        self.casts = []

    def __getattr__(self, method):
        def cast(*args, **kwargs):
            self.casts.append((method, args, kwargs))
        return cast


@pytest.fixture
def ctxt(db):
    return context.RequestContext(user_id='u', project_id='p',
                                  roles=['admin'])


def _evacuating():
    row = instances.create([{
        'project_id': 'p', 'user_id': 'u', 'display_name': 'vm',
        'flavor': FLAVOR, 'vcpus': 1, 'memory_mb': 64, 'root_gb': 1,
        'vm_state': 'active', 'task_state': 'rebuilding', 'host': 'node1',
        'node': 'node1'}])[0]
    allocations.replace(row['uuid'], 'node1', 'node1', 1, 64, 1)
    migration = migration_records.create({
        'instance_uuid': row['uuid'], 'status': 'accepted',
        'migration_type': 'evacuation', 'source_compute': 'node1',
        'source_node': 'node1'})
    return row, migration


def test_evacuate_places_and_casts(ctxt):
    row, migration = _evacuating()
    scheduler, compute_rpc = Scheduler(), ComputeRPC()
    evacuate.run(ctxt, row, migration, {'id': 'img'}, 'node2', OPTIONS,
                 scheduler, compute_rpc, lambda e: None)
    spec, = scheduler.specs
    assert spec['ignore_hosts'] == ['node1']
    assert spec['requested_destination']['host'] == 'node2'
    assert [a['node'] for a in allocations.get(migration['uuid'])] == [
        'node1']
    assert [a['node'] for a in allocations.get(row['uuid'])] == ['node2']
    saved = migration_records.get(migration['uuid'])
    assert (saved['dest_compute'], saved['dest_node'], saved['status']) == (
        'node2', 'node2', 'accepted')
    assert instances.get(row['uuid'])['availability_zone'] == 'az2'
    (method, args, _), = compute_rpc.casts
    assert method == 'evacuate_instance'
    assert args[1] == 'node2' and args[2]['uuid'] == row['uuid']
    assert args[4:] == ({'id': 'img'}, 'pw', None, None)


def test_no_valid_host_is_error(ctxt):
    row, migration = _evacuating()
    evacuate.run(ctxt, row, migration, None, None, OPTIONS,
                 Scheduler(fail=exception.NoValidHost(reason='none')),
                 ComputeRPC(), lambda e: None)
    saved = instances.get(row['uuid'])
    assert (saved['vm_state'], saved['task_state'], saved['host']) == (
        'error', None, 'node1')
    assert migration_records.get(migration['uuid'])['status'] == 'error'
    assert [a['node'] for a in allocations.get(row['uuid'])] == ['node1']
    assert allocations.get(migration['uuid']) == []


def _nodes():
    from stratus.db.api import compute_nodes
    from stratus.db.api import services
    for host in ('node1', 'node2'):
        services.report(None, {'host': host, 'binary': 'stratus-compute',
                               'topic': 'compute',
                               'availability_zone': 'nova'})
        compute_nodes.update({
            'hypervisor_hostname': host, 'host': host,
            'hypervisor_type': 'fake', 'hypervisor_version': 1,
            'vcpus': 1, 'memory_mb': 128, 'local_gb': 10})


def test_forced_host_is_claimed_without_the_scheduler(ctxt):
    _nodes()
    row, migration = _evacuating()
    scheduler, compute_rpc = Scheduler(), ComputeRPC()
    evacuate.run(ctxt, row, migration, None, 'node2', OPTIONS, scheduler,
                 compute_rpc, lambda e: None, forced=True)
    assert scheduler.specs == []
    assert [a['node'] for a in allocations.get(row['uuid'])] == ['node2']
    assert [a['node'] for a in allocations.get(migration['uuid'])] == [
        'node1']
    (method, args, _), = compute_rpc.casts
    assert args[1] == 'node2'


def test_forced_host_without_room_is_error(ctxt):
    _nodes()
    allocations.replace('someone', 'node2', 'node2', 1, 100, 1)
    row, migration = _evacuating()
    compute_rpc = ComputeRPC()
    evacuate.run(ctxt, row, migration, None, 'node2', OPTIONS, Scheduler(),
                 compute_rpc, lambda e: None, forced=True)
    saved = instances.get(row['uuid'])
    assert (saved['vm_state'], saved['task_state']) == ('error', None)
    fault = instances.fault_get_latest(row['uuid'])
    assert fault['message'] == (
        'No valid host was found. Unable to move instance %s to host '
        'node2. There is not enough capacity on the host for the '
        'instance.' % row['uuid'])
    assert migration_records.get(migration['uuid'])['status'] == 'error'
    assert compute_rpc.casts == []
    assert [a['node'] for a in allocations.get(row['uuid'])] == ['node1']


def test_evacuations_from_host(ctxt):
    row, migration = _evacuating()
    other = migration_records.create({
        'instance_uuid': row['uuid'], 'status': 'failed',
        'migration_type': 'evacuation', 'source_compute': 'node1'})
    manager = conductor_manager.ConductorManager('ctl')
    found = manager.evacuations_from_host(ctxt, 'node1')
    assert [m['uuid'] for m in found] == [migration['uuid']]
    assert other['uuid'] not in [m['uuid'] for m in found]
    assert manager.evacuations_from_host(ctxt, 'node2') == []
