"""A server put in ERROR and the fault saying why are written in one
transaction: no reader (GET /servers/{id}) sees ERROR without its fault,
and a refused compare-and-swap writes no fault."""
import pytest

from stratus.common import exception
from stratus.db.api import instances

FAULT = {'code': 500, 'message': 'No valid host was found. ',
         'details': 'trace', 'host': 'c1'}


def _building():
    return instances.create([{
        'project_id': 'p', 'user_id': 'u', 'display_name': 'x',
        'vm_state': 'building', 'task_state': 'scheduling',
        'power_state': 0, 'vcpus': 1, 'memory_mb': 64, 'root_gb': 1,
        'image_ref': 'img', 'flavor': {'name': 'f'}}])[0]['uuid']


def test_error_and_fault_together(db):
    uuid = _building()
    done = instances.update(uuid, {'vm_state': 'error', 'task_state': None},
                            expected_task_state='scheduling', fault=FAULT)
    assert done['vm_state'] == 'error'
    fault = instances.fault_get_latest(uuid)
    assert (fault['code'], fault['message'], fault['host']) == (
        500, 'No valid host was found. ', 'c1')


def test_a_refused_swap_writes_no_fault(db):
    uuid = _building()
    with pytest.raises(exception.UnexpectedTaskStateError):
        instances.update(uuid, {'vm_state': 'error'},
                         expected_task_state='spawning', fault=FAULT)
    assert instances.fault_get_latest(uuid) is None
    assert instances.get(uuid)['vm_state'] == 'building'
