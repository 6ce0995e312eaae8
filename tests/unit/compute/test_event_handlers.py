"""The compute side of external events on the fake driver: the
volume-extended event reaches the driver with the new size in bytes and
records compute_extend_volume; power-update takes in the power change
only from the matching steady state; network events do nothing."""
import uuid

from stratus.compute import event_handlers
from stratus.compute import states
from stratus.compute.virt import fake


class Conductor:
    def __init__(self):
        self.updates, self.events = [], []

    def instance_update(self, ctxt, uuid, values, expected_task_state=None):
        self.updates.append(values)

    def action_events_record(self, ctxt, uuid, events):
        self.events.extend(events)


def _setup(**values):
    driver = fake.FakeDriver()
    driver.init_host('compute1')
    instance = dict({'uuid': str(uuid.uuid4()), 'vm_state': states.ACTIVE,
                     'task_state': None, 'power_state': states.RUNNING},
                    **values)
    driver._guests[instance['uuid']] = {'power_state': states.RUNNING,
                                        'volumes': {}}
    return driver, Conductor(), instance


def _event(instance, name, tag=None, **extra):
    return dict({'name': name, 'server_uuid': instance['uuid'],
                 'status': 'completed', 'tag': tag}, **extra)


def test_volume_extended_reaches_the_driver():
    driver, conductor, instance = _setup()
    data = {'volume_size': 3, 'bdm': {'connection_info': {
        'driver_volume_type': 'local', 'data': {'volume_id': 'v1'}}}}
    event_handlers.handle(None, driver, conductor, 'compute1', [instance],
                          [_event(instance, 'volume-extended', 'v1',
                                  data=data)])
    assert driver._guests[instance['uuid']]['extended_volumes'] == {
        'v1': 3 * 1024 ** 3}
    assert [(e['event'], e['result'], e['host'])
            for e in conductor.events] == [
        ('compute_extend_volume', 'Success', 'compute1')]


def test_volume_extended_without_mapping_is_a_no_op():
    driver, conductor, instance = _setup()
    event_handlers.handle(None, driver, conductor, 'compute1', [instance],
                          [_event(instance, 'volume-extended', 'v1')])
    assert 'extended_volumes' not in driver._guests[instance['uuid']]
    assert conductor.events[0]['result'] == 'Success'


def test_power_off_update_from_active():
    driver, conductor, instance = _setup()
    event_handlers.handle(None, driver, conductor, 'compute1', [instance],
                          [_event(instance, 'power-update', 'POWER_OFF')])
    assert driver._guests[instance['uuid']]['power_state'] == \
        states.SHUTDOWN
    assert conductor.updates == [
        {'task_state': states.POWERING_OFF},
        {'vm_state': states.STOPPED, 'power_state': states.SHUTDOWN,
         'task_state': None}]
    assert conductor.events[0]['event'] == 'compute_power_update'
    assert conductor.events[0]['result'] == 'Success'


def test_power_on_update_of_active_server_is_a_no_op():
    driver, conductor, instance = _setup()
    event_handlers.handle(None, driver, conductor, 'compute1', [instance],
                          [_event(instance, 'power-update', 'POWER_ON')])
    assert conductor.updates == []
    assert conductor.events[0]['result'] == 'Success'


def test_network_events_do_nothing():
    driver, conductor, instance = _setup()
    event_handlers.handle(None, driver, conductor, 'compute1', [instance],
                          [_event(instance, 'network-vif-plugged', 'p1')])
    assert conductor.updates == [] and conductor.events == []
