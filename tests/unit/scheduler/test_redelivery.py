"""The scheduler claims nothing for servers that no longer wait for a host
(a request delivered again after its asker gave up), and releases at start
the claims such late answers left (issue 15, items 8-9)."""
import pytest

from stratus.common import context
from stratus.common import exception
from stratus.db.api import allocations
from stratus.db.api import instances
from stratus.scheduler import manager


def _server(vm_state, task_state, host=None):
    uuid = instances.create([{
        'project_id': 'p', 'user_id': 'u', 'display_name': 'x',
        'vm_state': vm_state, 'task_state': task_state, 'power_state': 0,
        'vcpus': 1, 'memory_mb': 64, 'root_gb': 1, 'image_ref': 'img',
        'host': host, 'flavor': {'name': 'f'}}])[0]['uuid']
    return uuid


def _claim(uuid):
    allocations.replace(uuid, 'h1', 'h1', 1, 64, 1)


def test_select_for_a_server_that_gave_up_claims_nothing(db):
    failed = _server('error', None)
    scheduler = manager.SchedulerManager()
    with pytest.raises(Exception) as info:
        scheduler.select_destinations(context.get_admin_context(),
                                      {'instance_uuid': failed}, [failed])
    raised = getattr(info.value, 'exc_info', (None, info.value))[1]
    assert isinstance(raised, exception.NoValidHost)
    assert 'no longer wait for a host' in str(raised)
    assert allocations.get(failed) == []


def test_start_releases_claims_of_deleted_and_hostless_failed_servers(db):
    failed = _server('error', None)
    deleted = _server('active', None, host='h1')
    instances.soft_delete(deleted)
    active = _server('active', None, host='h1')
    building = _server('building', 'scheduling')
    for uuid in (failed, deleted, active, building):
        _claim(uuid)
    allocations.replace('migration-1', 'h1', 'h1', 1, 64, 1)
    manager.SchedulerManager().init_host(context.get_admin_context())
    assert allocations.get(failed) == allocations.get(deleted) == []
    for kept in (active, building, 'migration-1'):
        assert len(allocations.get(kept)) == 1
