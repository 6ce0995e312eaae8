"""Handing an instance to the compute host the scheduler chose."""
from stratus.common import context
from stratus.common import flow_engine
from stratus.common import primitives
from stratus.compute import states
from stratus.db.api import instances


class DispatchBuildTask(flow_engine.StratusTask):
    """Record host and node on each instance (scheduling -> None), then
    cast the build to its compute. Last step: nothing to revert."""

    def __init__(self, compute_rpc):
        super().__init__()
        self.compute_rpc = compute_rpc

    def execute(self, ctxt, instance_uuids, destinations, request):
        request_context = context.RequestContext.from_dict(ctxt)
        for uuid, dest in zip(instance_uuids, destinations):
            instance = instances.update(
                uuid, {'host': dest['host'], 'node': dest['node'],
                       'availability_zone': dest.get('availability_zone'),
                       'task_state': None},
                expected_task_state=[states.SCHEDULING])
            self.compute_rpc.build_and_run_instance(
                request_context, primitives.to_primitive(instance),
                image=request.get('image'))
