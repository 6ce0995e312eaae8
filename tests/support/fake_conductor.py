"""An in-memory stand-in for the conductor's RPC client, for unit tests of
compute flows: same methods, same compare-and-swap rule."""
import copy

from stratus.common import exception


class FakeConductor:
    def __init__(self):
        self.instances = {}
        self.faults = []
        self.events = []
        self.released = []
        self.destroyed = []
        self.nodes = []
        self.fail_when = None      # predicate(values): fail one update

    def add(self, instance):
        self.instances[instance['uuid']] = copy.deepcopy(instance)
        return copy.deepcopy(instance)

    def instance_update(self, ctxt, instance_uuid, values,
                        expected_task_state=None, fault=None):
        if self.fail_when and self.fail_when(values):
            self.fail_when = None
            raise RuntimeError('injected failure saving %s' % values)
        instance = self.instances[instance_uuid]
        if expected_task_state is not None and \
                instance['task_state'] not in expected_task_state:
            raise exception.UnexpectedTaskStateError(
                instance_uuid=instance_uuid, expected=expected_task_state,
                actual=instance['task_state'])
        instance.update(values)
        if fault:
            self.faults.append(fault)
        return copy.deepcopy(instance)

    def instance_destroy(self, ctxt, instance_uuid):
        self.destroyed.append(instance_uuid)
        self.instances[instance_uuid].update(vm_state='deleted',
                                             task_state=None)

    def release_resources(self, ctxt, instance_uuid):
        self.released.append(instance_uuid)

    def action_event_record(self, ctxt, instance_uuid, event):
        self.events.append(event)

    def compute_node_update(self, ctxt, values):
        self.nodes.append(values)

    def instances_on_host(self, ctxt, host):
        return [copy.deepcopy(i) for i in self.instances.values()
                if i.get('host') == host and i['vm_state'] != 'deleted']
