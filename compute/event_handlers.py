"""The compute side of external events (nova's
ComputeManager.external_instance_event).

volume-extended: the guest learns its volume's new size (the driver's
extend_volume; nova's libvirt driver resizes the block device), recorded
as the action event compute_extend_volume. power-update: the power
change ironic saw is taken into the server's state (compute_power_update)
when the server is in the matching steady state, else ignored. Network
events: stratus servers have no ports, so there is no network info to
refresh, no port to detach and nobody waiting on a plug event; nova
does nothing further for such a server either. volume-reimaged: the
rebuild waiting for it goes on (instance_events.py)."""
import traceback

from stratus.common import log
from stratus.common import timeutils
from stratus.compute import states

LOG = log.getLogger(__name__)

# target power state -> (steady vm_state, power_state it comes from,
# transient task_state, vm_state and power_state it goes to)
_POWER = {
    'POWER_ON': (states.STOPPED, states.SHUTDOWN, states.POWERING_ON,
                 states.ACTIVE, states.RUNNING),
    'POWER_OFF': (states.ACTIVE, states.RUNNING, states.POWERING_OFF,
                  states.STOPPED, states.SHUTDOWN),
}


def _record(conductor, ctxt, host, instance, name, started, error=None):
    conductor.action_events_record(ctxt, instance['uuid'], [{
        'event': name, 'start_time': timeutils.to_iso(started),
        'finish_time': timeutils.to_iso(timeutils.utcnow()),
        'result': 'Error' if error else 'Success',
        'traceback': error, 'host': host}])


def extend_volume(driver, instance, event):
    data = event.get('data') or {}
    bdm = data.get('bdm')
    if not bdm or not bdm.get('connection_info'):
        LOG.warning('Extend volume failed, volume %s is not attached to '
                    'the instance or has no connection_info',
                    event.get('tag'), instance=instance)
        return
    if not driver.capabilities.get('supports_extend_volume', False):
        raise NotImplementedError('Extend volume is not supported by the '
                                  'compute driver.')
    driver.extend_volume(bdm['connection_info'], instance,
                         data['volume_size'] * 1024 ** 3)
    LOG.info('Volume %s extended to %s GiB', event.get('tag'),
             data['volume_size'], instance=instance)


def power_update(driver, conductor, ctxt, instance, target):
    steady, power, task, vm_state, new_power = _POWER[target]
    if (instance['task_state'] is not None or
            instance['vm_state'] != steady or
            instance['power_state'] != power):
        LOG.info('The power-update %s event is a no-op in vm_state %s, '
                 'task_state %s', target, instance['vm_state'],
                 instance['task_state'], instance=instance)
        return
    conductor.instance_update(ctxt, instance['uuid'], {'task_state': task},
                              expected_task_state=[None])
    try:
        driver.power_update_event(instance, target)
    except Exception:
        conductor.instance_update(ctxt, instance['uuid'],
                                  {'task_state': None})
        raise
    conductor.instance_update(ctxt, instance['uuid'], {
        'vm_state': vm_state, 'power_state': new_power,
        'task_state': None}, expected_task_state=[task])


def handle(ctxt, driver, conductor, host, instances, events):
    by_uuid = {instance['uuid']: instance for instance in instances}
    for event in events:
        instance = by_uuid[event['server_uuid']]
        LOG.debug('Received event %s-%s', event['name'], event.get('tag'),
                  instance=instance)
        if event['name'] == 'volume-extended':
            name, run = 'compute_extend_volume', lambda: extend_volume(
                driver, instance, event)
        elif event['name'] == 'power-update':
            name, run = 'compute_power_update', lambda: power_update(
                driver, conductor, ctxt, instance, event['tag'])
        else:
            # Network, accelerator and volume-reimaged events: to whoever
            # waits for them (a volume-backed rebuild waits for the last).
            from stratus.compute import instance_events
            instance_events.deliver(instance, event)
            continue
        started = timeutils.utcnow()
        try:
            run()
        except Exception as exc:
            LOG.warning('%s failed: %s', event['name'], exc,
                        instance=instance)
            _record(conductor, ctxt, host, instance, name, started,
                    traceback.format_exc())
        else:
            _record(conductor, ctxt, host, instance, name, started)
