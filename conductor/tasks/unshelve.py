"""Conductor tasks of an unshelve."""
from stratus.common import context
from stratus.common import flow_engine
from stratus.common import log
from stratus.common import primitives
from stratus.compute import states
from stratus.db.api import allocations
from stratus.db.api import instances

LOG = log.getLogger(__name__)


class UnshelveRestoreOnRevertTask(flow_engine.StratusTask):
    """First task: if placing fails the instance stays shelved (task None)
    with the fault, and any claim made for it is released."""

    def execute(self, instance_uuids):
        pass

    def revert(self, instance_uuids, flow_failures, **kwargs):
        fault = flow_engine.fault_from_failure(flow_failures)
        for uuid in instance_uuids:
            instances.update(uuid, {'task_state': None},
                             fault=fault)
            allocations.delete(uuid)


class DispatchUnshelveTask(flow_engine.StratusTask):
    """Record the chosen host (task stays unshelving) and cast the spawn."""

    def __init__(self, compute_rpc):
        super().__init__()
        self.compute_rpc = compute_rpc

    def execute(self, ctxt, instance_uuids, destinations, request):
        dest = destinations[0]
        instance = instances.update(
            instance_uuids[0], {'host': dest['host'], 'node': dest['node'],
                                'availability_zone':
                                    dest.get('availability_zone')},
            expected_task_state=[states.UNSHELVING])
        self.compute_rpc.unshelve_instance(
            context.RequestContext.from_dict(ctxt),
            primitives.to_primitive(instance), request['image'])
