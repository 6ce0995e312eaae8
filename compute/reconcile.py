"""Desired vs actual, converged: what a compute does on start with
instances left in a transitional state, and periodically with guests
whose power state drifted from the database.

Upstream leaves several task states stuck after a restart (shelving,
rescuing, suspending, ...); here every one has a rule.
"""
from stratus.common import context
from stratus.common import exception
from stratus.common import log
from stratus.common import timeutils
from stratus.compute import resize_recovery
from stratus.compute import states

LOG = log.getLogger(__name__)

# Actions the guest either finished or never started: clear the task and
# take the vm_state from what the hypervisor shows.
_SETTLE = {states.PAUSING, states.UNPAUSING, states.SUSPENDING,
           states.RESUMING, states.POWERING_OFF, states.POWERING_ON,
           states.REBOOTING, states.REBOOT_PENDING, states.REBOOT_STARTED,
           states.REBOOTING_HARD, states.REBOOT_PENDING_HARD,
           states.REBOOT_STARTED_HARD, states.RESCUING, states.UNRESCUING,
           states.IMAGE_SNAPSHOT_PENDING, states.IMAGE_SNAPSHOT,
           states.IMAGE_PENDING_UPLOAD, states.IMAGE_UPLOADING,
           states.IMAGE_BACKUP,
           states.SHELVING, states.SHELVING_IMAGE_PENDING_UPLOAD,
           states.SHELVING_IMAGE_UPLOADING, states.RESIZE_PREP,
           states.MIGRATING}
_FAIL = set(states.BUILD_STATES) | {
    states.REBUILDING, states.REBUILD_BLOCK_DEVICE_MAPPING,
    states.REBUILD_SPAWNING}
_VM_STATE_OF_POWER = {states.RUNNING: states.ACTIVE,
                      states.PAUSED_POWER: states.PAUSED,
                      states.SUSPENDED_POWER: states.SUSPENDED,
                      states.SHUTDOWN: states.STOPPED}


def _power(driver, instance):
    try:
        return driver.get_power_state(instance)
    except exception.InstanceNotFound:
        return states.NOSTATE


def _settled_vm_state(instance, power):
    if instance['vm_state'] in (states.RESCUED, states.RESIZED,
                                states.SHELVED):
        return instance['vm_state']
    if instance['task_state'] in (states.RESCUING, states.UNRESCUING):
        return instance['vm_state']
    return _VM_STATE_OF_POWER.get(power, states.STOPPED)


def recover(ctxt, host, driver, conductor, skip=(), journal=None):
    """On start: bring every instance of this host out of a transitional
    state left by an operation the restart cut short, so nothing stays
    stuck (`skip`: servers being evacuated elsewhere).

    With the compute's `journal`, only operations recorded as started and
    not ended are cut short; a transitional state without one belongs to
    a message still queued, which runs when the broker delivers it again
    (cancelling it here would strand it). Each one cut short gets a failed
    action event saying why, on the action of its request."""
    started = None
    if journal is not None:
        started = {}
        for record in journal.interrupted():
            if resize_recovery.handles(record):
                why = _why(host, record['flow'])
                if resize_recovery.recover(ctxt, host, conductor, record,
                                           why):
                    _failed_event(conductor, host, {'uuid': record['uuid']},
                                  record, why)
                journal.close(record)
                continue
            started.setdefault(record['uuid'], []).append(record)
    for instance in conductor.instances_on_host(ctxt, host):
        task_state = instance['task_state']
        # Dispatched by the conductor, its spawn not begun or cut short.
        building = task_state is None and \
            instance['vm_state'] == states.BUILDING
        if (task_state is None and not building) or \
                instance['uuid'] in skip:
            continue
        records = None
        if started is not None:
            records = started.get(instance['uuid'])
            if not records:
                LOG.info('Instance is %s/%s with its request still queued; '
                         'it runs when its message comes',
                         instance['vm_state'], task_state, instance=instance)
                continue
        why = _why(host, task_state or instance['vm_state'])
        LOG.warning('Recovering from task_state %s after a restart',
                    task_state, instance=instance)
        _recover_one(ctxt, host, driver, conductor, instance, why)
        for record in records or ():
            _failed_event(conductor, host, instance, record, why)
    for records in (started or {}).values():
        for record in records:
            journal.close(record)


def _why(host, doing):
    return 'Interrupted by a restart of stratus-compute on %s while %s' % (
        host, doing)


def _failed_event(conductor, host, instance, record, why):
    if not record.get('request_id') or not record.get('event'):
        return
    ctxt = context.get_admin_context()
    ctxt.request_id = record['request_id']
    now = timeutils.to_iso(timeutils.utcnow())
    try:
        conductor.action_events_record(ctxt, instance['uuid'], [{
            'event': record['event'], 'start_time': now,
            'finish_time': now, 'result': 'Error', 'traceback': why,
            'host': host}])
    except Exception:
        LOG.exception('Could not record the interrupted action',
                      instance=instance)


def _recover_one(ctxt, host, driver, conductor, instance, why):
    task_state = instance['task_state']
    if task_state == states.DELETING:
        driver.destroy(instance)
        conductor.instance_destroy(ctxt, instance['uuid'])
    elif task_state in _FAIL or task_state is None:
        driver.destroy(instance)
        conductor.instance_update(
            ctxt, instance['uuid'],
            {'vm_state': states.ERROR, 'task_state': None,
             'power_state': states.NOSTATE},
            fault={'code': 500, 'host': host, 'message': why})
        conductor.release_resources(ctxt, instance['uuid'])
    else:
        power = _power(driver, instance)
        conductor.instance_update(
            ctxt, instance['uuid'],
            {'task_state': None, 'power_state': power,
             'vm_state': _settled_vm_state(instance, power)})


def sync_power_states(ctxt, host, driver, conductor):
    """Periodic: record each idle guest's real power state; a guest that
    stopped on its own makes its instance SHUTOFF; a guest running against
    a stopped record is powered off again (the database wins, as in nova).
    """
    for instance in conductor.instances_on_host(ctxt, host):
        if instance['task_state'] is not None:
            continue
        power = _power(driver, instance)
        vm_state = instance['vm_state']
        values = {}
        if power != instance['power_state']:
            values['power_state'] = power
        if vm_state in (states.ACTIVE, states.PAUSED, states.SUSPENDED) \
                and power in (states.SHUTDOWN, states.CRASHED,
                              states.NOSTATE):
            LOG.warning('Guest is off; instance goes to SHUTOFF',
                        instance=instance)
            values['vm_state'] = states.STOPPED
        elif vm_state == states.STOPPED and power == states.RUNNING:
            LOG.warning('Guest runs although stopped; powering it off',
                        instance=instance)
            driver.power_off(instance)
            values['power_state'] = states.SHUTDOWN
        if values:
            conductor.instance_update(ctxt, instance['uuid'], values,
                                      expected_task_state=[None])


def destroy_evacuated(ctxt, host, driver, conductor):
    """On start, before `recover` (nova's _destroy_evacuated_instances):
    servers evacuated from this host while it was down still have their
    guest here; it goes, the claim this host kept for them (held by the
    migration) is released, and a finished evacuation becomes 'completed'.
    Returns the uuids of those servers (recover leaves them alone)."""
    evacuations = {m['instance_uuid']: m
                   for m in conductor.evacuations_from_host(ctxt, host)}
    if not evacuations:
        return set()
    local = set(driver.list_instance_uuids())
    for uuid, migration in evacuations.items():
        if uuid in local:
            LOG.info('Destroying instance as it has been evacuated from '
                     'this host but still exists in the hypervisor',
                     instance={'uuid': uuid})
            driver.destroy({'uuid': uuid, 'host': host})
        conductor.release_resources(ctxt, migration['uuid'])
        if migration['status'] == 'done':
            # One still under way is finished by its destination.
            conductor.migration_update(ctxt, migration['uuid'],
                                       {'status': 'completed'})
    return set(evacuations)
