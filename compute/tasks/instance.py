"""Tasks on the instance record, through the conductor (compute has no
database): lifecycle reverts, progress states, the final state."""
from stratus.common import context
from stratus.common import exception
from stratus.common import flow_engine
from stratus.common import log
from stratus.common import timeutils
from stratus.common.conf import CONF
from stratus.compute import states

LOG = log.getLogger(__name__)


def request_context(ctxt):
    return context.RequestContext.from_dict(ctxt)


class InstanceTask(flow_engine.StratusTask):
    def __init__(self, conductor, addons=None, **kwargs):
        super().__init__(addons=addons, **kwargs)
        self.conductor = conductor

    def update(self, ctxt, instance, values, expected=None, fault=None,
               events=None):
        return self.conductor.instance_update(
            request_context(ctxt), instance['uuid'], values,
            expected_task_state=expected, fault=fault, events=events)

    def update_last(self, ctxt, instance, values, expected, action_events):
        """update() as this task's last step: the flow's events so far go
        in the same write (a message and a database write fewer)."""
        events = action_events.carry(self.name) if action_events else None
        return self.update(ctxt, instance, values, expected=expected,
                           events=events)

    def revert_write(self, ctxt, instance, values, flow_failures):
        """A failed flow's revert write with its fault; the fault, or None
        when a delete owns the record now (one INFO line, no write: the
        delete's 'deleting' must stay).

        The driver's "no such guest" (a restarted fake host, a domain
        removed behind our back) shares InstanceNotFound with the record's
        "no such instance": the record decides, by a write that only
        applies while no delete has taken it over."""
        uuid = instance['uuid']
        exc = next(iter(flow_failures.values())).exception
        expected = None
        if flow_engine.disappeared(exc):
            if not isinstance(exc, exception.InstanceNotFound):
                flow_engine.overtaken(flow_failures, LOG, 'Instance %s' % uuid)
                return None
            expected = list(states.NOT_DELETING)
        fault = flow_engine.fault_from_failure(flow_failures,
                                               host=instance.get('host'))
        try:
            self.update(ctxt, instance, values, expected=expected,
                        fault=fault)
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            if expected is None:
                raise
            LOG.info('Instance %s disappeared during the operation: %s',
                     uuid, exc)
            return None
        return fault


class ErrorOnRevertTask(InstanceTask):
    """First task of flows whose failure leaves no usable guest (build,
    delete, ...): the instance goes to ERROR with the fault; with
    `release`, what it claimed on this node is given back."""

    def __init__(self, conductor, release=False):
        super().__init__(conductor)
        self.release = release

    def execute(self, ctxt, instance):
        pass

    def revert(self, ctxt, instance, flow_failures, **kwargs):
        fault = self.revert_write(ctxt, instance, {
            'vm_state': states.ERROR, 'task_state': None}, flow_failures)
        if fault is None:
            # The delete owns the record now (and releases the claim).
            return
        LOG.error('Instance goes to ERROR: %s', fault['message'],
                  instance=instance)
        if self.release:
            self.conductor.release_resources(request_context(ctxt),
                                             instance['uuid'])


class RestoreStateOnRevertTask(InstanceTask):
    """First task of per-host actions: on failure the task_state goes back
    to None and the vm_state stays what it was (nova's
    reverts_task_state), with the fault recorded."""

    def execute(self, ctxt, instance):
        pass

    def revert(self, ctxt, instance, flow_failures, **kwargs):
        fault = self.revert_write(ctxt, instance, {'task_state': None},
                                  flow_failures)
        if fault is not None:
            LOG.error('Action failed, instance stays %s: %s',
                      instance['vm_state'], fault['message'],
                      instance=instance)


class SetTaskStateTask(InstanceTask):
    """A progress step the API shows (networking, spawning, ...)."""

    def __init__(self, conductor, task_state, expected):
        super().__init__(conductor, addons=[task_state])
        self.task_state = task_state
        self.expected = expected if isinstance(expected, list) else [expected]

    def execute(self, ctxt, instance):
        self.update(ctxt, instance, {'task_state': self.task_state},
                    expected=self.expected)


class SaveInstanceStateTask(InstanceTask):
    """The end state: vm_state, task_state None and the power state the
    driver now reports (compare-and-swap on the expected task_state)."""

    def __init__(self, conductor, driver, vm_state, expected, launched=False):
        super().__init__(conductor, addons=[vm_state])
        self.driver = driver
        self.vm_state = vm_state
        self.expected = expected if isinstance(expected, list) else [expected]
        self.launched = launched

    def execute(self, ctxt, instance, action_events=None):
        values = {'vm_state': self.vm_state, 'task_state': None,
                  'power_state': self.driver.get_power_state(instance)}
        if self.launched:
            values['launched_at'] = timeutils.to_iso(timeutils.utcnow())
        self.update_last(ctxt, instance, values, self.expected,
                         action_events)


class DestroyInstanceRecordTask(InstanceTask):
    """Mark the instance deleted and release its resources. Last step."""

    def execute(self, ctxt, instance):
        self.conductor.instance_destroy(request_context(ctxt),
                                        instance['uuid'])


class SaveRebuiltStateTask(InstanceTask):
    """After a rebuild: active, or stopped when the guest was left off."""

    def __init__(self, conductor, driver):
        super().__init__(conductor)
        self.driver = driver

    def execute(self, ctxt, instance, action_events=None):
        power = self.driver.get_power_state(instance)
        vm_state = states.STOPPED if power == states.SHUTDOWN \
            else states.ACTIVE
        self.update_last(ctxt, instance, {
            'vm_state': vm_state, 'task_state': None, 'power_state': power,
            'launched_at': timeutils.to_iso(timeutils.utcnow())},
            [states.REBUILD_SPAWNING], action_events)


class SaveTaskStateNoneTask(InstanceTask):
    """Operations that leave the vm_state as it was (snapshot) end here."""

    def __init__(self, conductor, expected):
        super().__init__(conductor)
        self.expected = expected

    def execute(self, ctxt, instance, action_events=None):
        self.update_last(ctxt, instance, {'task_state': None},
                         [self.expected], action_events)


class SaveShelvedTask(InstanceTask):
    """shelved: guest off, image recorded in system metadata. When the
    offload follows at once (shelved_offload_time = 0) the task state goes
    straight to shelving_offloading, as nova does, so no client ever sees
    an idle SHELVED it could act on in between."""

    def execute(self, ctxt, instance, image_id, action_events=None):
        meta = dict(instance['system_metadata'],
                    shelved_at=timeutils.to_iso(timeutils.utcnow()),
                    shelved_image_id=image_id, shelved_host=instance['host'])
        offload_now = CONF.shelved_offload_time == 0
        return self.update_last(ctxt, instance, {
            'vm_state': states.SHELVED,
            'task_state': states.SHELVING_OFFLOADING if offload_now
            else None,
            'power_state': states.SHUTDOWN, 'system_metadata': meta},
            [states.SHELVING_IMAGE_UPLOADING], action_events)


class SaveOffloadedTask(InstanceTask):
    """shelved_offloaded: no host any more, its resources given back."""

    def execute(self, ctxt, instance):
        self.update(ctxt, instance, {
            'vm_state': states.SHELVED_OFFLOADED, 'task_state': None,
            'power_state': states.SHUTDOWN, 'host': None, 'node': None},
            expected=[states.SHELVING_OFFLOADING])
        self.conductor.release_resources(request_context(ctxt),
                                         instance['uuid'])


class UnshelveFailedOnRevertTask(InstanceTask):
    """First task of the unshelve spawn: on failure the instance goes back
    to SHELVED_OFFLOADED without a host, with the fault, and the node's
    claim is released (the image is kept for the next try)."""

    def execute(self, ctxt, instance):
        pass

    def revert(self, ctxt, instance, flow_failures, **kwargs):
        fault = flow_engine.fault_from_failure(flow_failures,
                                               host=instance.get('host'))
        self.update(ctxt, instance, {
            'vm_state': states.SHELVED_OFFLOADED, 'task_state': None,
            'host': None, 'node': None, 'power_state': states.SHUTDOWN},
            fault=fault)
        self.conductor.release_resources(request_context(ctxt),
                                         instance['uuid'])


class SaveUnshelvedTask(InstanceTask):
    """active again; the shelved_* metadata goes."""

    def __init__(self, conductor, driver):
        super().__init__(conductor)
        self.driver = driver

    def execute(self, ctxt, instance, action_events=None):
        meta = {k: v for k, v in instance['system_metadata'].items()
                if not k.startswith('shelved_')}
        self.update_last(ctxt, instance, {
            'vm_state': states.ACTIVE, 'task_state': None,
            'power_state': self.driver.get_power_state(instance),
            'system_metadata': meta}, [states.SPAWNING], action_events)
