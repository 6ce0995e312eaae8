"""compute/unsent.py: a send the broker refused undoes the task_state the
API set, whether the server went by value (instance) or by id
(instance_uuid); other failures and other methods pass through."""
import pytest

from stratus.common import exception
from stratus.compute import unsent


class Client:
    def __init__(self, refuse):
        self.refuse = refuse

    def stop_instance(self, ctxt, instance):
        if self.refuse:
            raise self.refuse

    def unshelve_instance(self, ctxt, instance_uuid, availability_zone=None):
        if self.refuse:
            raise self.refuse

    def build_instances(self, ctxt, instance_uuids, request):
        if self.refuse:
            raise self.refuse


@pytest.fixture
def rows(monkeypatch):
    table = {'s1': {'uuid': 's1', 'task_state': 'unshelving'}}
    updates = []

    def update(uuid, values, expected_task_state=None):
        assert table[uuid]['task_state'] in expected_task_state
        table[uuid].update(values)
        updates.append((uuid, values, expected_task_state))

    monkeypatch.setattr(unsent.instances, 'get', lambda uuid: table[uuid])
    monkeypatch.setattr(unsent.instances, 'update', update)
    return table, updates


def test_refused_send_by_value_undoes_the_task_state(rows):
    table, updates = rows
    table['s1']['task_state'] = 'powering-off'
    client = unsent.UndoUnsent(Client(exception.BusUnavailable()))
    with pytest.raises(exception.BusUnavailable):
        client.stop_instance(None, {'uuid': 's1',
                                    'task_state': 'powering-off'})
    assert updates == [('s1', {'task_state': None}, ['powering-off'])]


def test_refused_send_by_id_undoes_the_task_state(rows):
    table, updates = rows
    client = unsent.UndoUnsent(Client(exception.BusUnavailable()))
    with pytest.raises(exception.BusUnavailable):
        client.unshelve_instance(None, 's1', availability_zone='nova')
    assert table['s1']['task_state'] is None
    assert updates == [('s1', {'task_state': None}, ['unshelving'])]


def test_other_failures_and_sends_without_a_server_change_nothing(rows):
    table, updates = rows
    client = unsent.UndoUnsent(Client(exception.InstanceNotFound(
        instance_id='s1')))
    with pytest.raises(exception.InstanceNotFound):
        client.unshelve_instance(None, 's1')
    client = unsent.UndoUnsent(Client(exception.BusUnavailable()))
    with pytest.raises(exception.BusUnavailable):
        client.build_instances(None, ['s1'], {})
    assert updates == []
    assert client.refuse is not None    # attributes pass through
