"""Conductor flows with a real database and stand-ins for the scheduler
and compute RPC clients: success, and failures (no valid host, a failure in
the last task) ending in ERROR or back where they were, claims released,
faults recorded."""
import uuid

import pytest

from stratus.common import context
from stratus.common import exception
from stratus.conductor.flows import build
from stratus.conductor.flows import resize
from stratus.conductor.flows import unshelve
from stratus.db.api import allocations
from stratus.db.api import instances
from stratus.db.api import migration_records

FLAVOR = {'flavorid': '1', 'name': 'tiny', 'vcpus': 1, 'memory_mb': 64,
          'root_gb': 1, 'ephemeral_gb': 0, 'swap': 0, 'extra_specs': {}}


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
                 'availability_zone': 'nova'} for _ in uuids]


class ComputeRPC:
    def __init__(self, fail=False):
        self.fail = fail
        self.casts = []

    def __getattr__(self, method):
        def cast(*args, **kwargs):
            if self.fail:
                raise RuntimeError('bus down')
            self.casts.append((method, args, kwargs))
        return cast


def _instance(vm_state='building', task_state='scheduling', host=None):
    row = instances.create([{
        'project_id': 'p', 'user_id': 'u', 'display_name': 'vm',
        'flavor': FLAVOR, 'vcpus': 1, 'memory_mb': 64, 'root_gb': 1,
        'vm_state': vm_state, 'task_state': task_state, 'host': host,
        'node': host}])[0]
    if host:
        allocations.replace(row['uuid'], host, host, 1, 64, 1)
    return row


@pytest.fixture
def ctxt(db):
    return context.RequestContext(user_id='u', project_id='p',
                                  roles=['member'])


def _build(ctxt, uuid_, scheduler, compute_rpc):
    events = []
    build.run(ctxt, [uuid_], {'flavor': FLAVOR, 'image': None},
              scheduler, compute_rpc, events.extend)
    return events


def test_build_places_and_casts(ctxt):
    row = _instance()
    compute_rpc = ComputeRPC()
    events = _build(ctxt, row['uuid'], Scheduler(), compute_rpc)
    saved = instances.get(row['uuid'])
    assert (saved['host'], saved['task_state']) == ('node2', None)
    assert compute_rpc.casts[0][0] == 'build_and_run_instance'
    assert [e['result'] for e in events] == ['Success'] * 3


def test_no_valid_host_is_error_with_details(ctxt):
    row = _instance()
    fail = exception.NoValidHost(details='RamFilter: 2 -> 0 hosts')
    _build(ctxt, row['uuid'], Scheduler(fail), ComputeRPC())
    saved = instances.get(row['uuid'])
    assert (saved['vm_state'], saved['task_state']) == ('error', None)
    assert saved['fault']['message'].startswith('No valid host was found.')
    assert saved['fault']['details'] == 'RamFilter: 2 -> 0 hosts'


def test_failure_in_the_last_task_releases_the_claim(ctxt):
    row = _instance()
    events = _build(ctxt, row['uuid'], Scheduler(), ComputeRPC(fail=True))
    saved = instances.get(row['uuid'])
    assert saved['vm_state'] == 'error'
    assert allocations.get(row['uuid']) == []
    assert [e['event'] for e in events if e['result'] == 'Error'] == [
        'conductor_instance_build:DispatchBuildTask']


def _migration(row):
    return migration_records.create({
        'instance_uuid': row['uuid'], 'status': 'pre-migrating',
        'migration_type': 'resize', 'source_compute': 'node1',
        'source_node': 'node1'})


def test_resize_moves_the_source_claim_to_the_migration(ctxt):
    row = _instance('active', 'resize_prep', host='node1')
    migration = _migration(row)
    compute_rpc = ComputeRPC()
    resize.run(ctxt, row, migration, FLAVOR, None, None, Scheduler(),
               compute_rpc, lambda e: None)
    assert [a['node'] for a in allocations.get(migration['uuid'])] == [
        'node1']
    assert [a['node'] for a in allocations.get(row['uuid'])] == ['node2']
    assert migration_records.get(migration['uuid'])['dest_compute'] == \
        'node2'
    assert compute_rpc.casts[0][0] == 'prep_resize'


def test_resize_failure_in_the_last_task_puts_everything_back(ctxt):
    row = _instance('active', 'resize_prep', host='node1')
    migration = _migration(row)
    resize.run(ctxt, row, migration, FLAVOR, None, None, Scheduler(),
               ComputeRPC(fail=True), lambda e: None)
    saved = instances.get(row['uuid'])
    assert (saved['vm_state'], saved['task_state'], saved['host']) == (
        'active', None, 'node1')
    assert [a['node'] for a in allocations.get(row['uuid'])] == ['node1']
    assert allocations.get(migration['uuid']) == []
    assert migration_records.get(migration['uuid'])['status'] == 'error'


def test_unshelve_failure_in_the_last_task_stays_shelved(ctxt):
    row = _instance('shelved_offloaded', 'unshelving')
    unshelve.run(ctxt, row, {'id': 'img'}, None, None, Scheduler(),
                 ComputeRPC(fail=True), lambda e: None)
    saved = instances.get(row['uuid'])
    assert (saved['vm_state'], saved['task_state']) == (
        'shelved_offloaded', None)
    assert allocations.get(row['uuid']) == []
    assert instances.fault_get_latest(row['uuid'])['message'] == \
        'RuntimeError: bus down'
