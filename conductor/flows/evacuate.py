"""instance_evacuate (conductor side): place a server whose compute is
down on another host, then hand it to that compute.

1. EvacuateErrorOnRevertTask - on failure: ERROR + fault, migration error
2. MoveSourceClaimTask       - the dead host's claim moves to the
                               migration (released when that host comes
                               back); revert: moved back
3. SelectDestinationsTask    - scheduler picks and claims a host (never
                               the source; the requested one if given);
   ClaimForcedHostTask instead for a forced host: its capacity only
4. DispatchEvacuateTask      - destination recorded, re-create cast there
"""
from taskflow.patterns import linear_flow

from stratus.common import flow_engine
from stratus.common import log
from stratus.conductor.tasks import evacuate
from stratus.conductor.tasks import resize
from stratus.conductor.tasks import scheduling

LOG = log.getLogger(__name__)
FLOW_NAME = 'instance_evacuate'


def get_flow(scheduler, compute_rpc, forced=False):
    place = evacuate.ClaimForcedHostTask() if forced \
        else scheduling.SelectDestinationsTask(scheduler)
    return linear_flow.Flow(FLOW_NAME).add(
        evacuate.EvacuateErrorOnRevertTask(),
        resize.MoveSourceClaimTask(),
        place,
        evacuate.DispatchEvacuateTask(compute_rpc),
    )


def run(ctxt, instance, migration, image, host, options, scheduler,
        compute_rpc, record, forced=False):
    """`options`: password, on_shared_storage, target_state (passed on
    to the destination compute)."""
    from stratus.scheduler import request_spec
    spec = request_spec.build(
        instance, instance['flavor'], image,
        ignore_hosts=[instance['host']],
        requested_destination={'host': host} if host else None)
    store = {'ctxt': ctxt.to_dict(), 'instance_uuids': [instance['uuid']],
             'migration': migration, 'spec': spec,
             'request': dict(options, image=image)}
    try:
        flow_engine.run(
            lambda: get_flow(scheduler, compute_rpc, forced), store,
            key=(FLOW_NAME, scheduler, compute_rpc, forced), listeners=[
            lambda engine: flow_engine.ActionEventListener(
                engine, record, 'conductor_' + FLOW_NAME)])
    except Exception as exc:
        LOG.info('Evacuation of %s not started: %s', instance['uuid'], exc)
