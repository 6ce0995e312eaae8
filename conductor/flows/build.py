"""instance_build: place new instances and hand them to their computes.

1. BuildErrorOnRevertTask  - on any failure: instances ERROR + fault
                             (NoValidHost's details say why), claims released
2. SelectDestinationsTask  - scheduler picks and claims a node per instance
   Only when the servers get new volumes (boot from volume, ...):
   2a. CreateVolumesTask   - each volume made through the block storage API
   2b. WaitForVolumesTask  - until available (error or timeout: the fault)
   2c. ReserveVolumesTask  - each reserved for its server (attachment)
3. DispatchBuildTask       - host/node recorded, build cast to each compute
"""
from taskflow.patterns import linear_flow

from stratus.common import flow_engine
from stratus.common import log
from stratus.conductor.tasks import dispatch
from stratus.conductor.tasks import records
from stratus.conductor.tasks import scheduling

LOG = log.getLogger(__name__)
FLOW_NAME = 'instance_build'


def get_flow(scheduler, compute_rpc, volumes=False):
    flow = linear_flow.Flow(FLOW_NAME).add(
        records.BuildErrorOnRevertTask(),
        scheduling.SelectDestinationsTask(scheduler))
    if volumes:
        from stratus.conductor.tasks import volumes as volume_tasks
        flow.add(volume_tasks.CreateVolumesTask(),
                 volume_tasks.WaitForVolumesTask(),
                 volume_tasks.ReserveVolumesTask())
    return flow.add(dispatch.DispatchBuildTask(compute_rpc))


def run(ctxt, instance_uuids, request, scheduler, compute_rpc, record):
    """Run the flow; failures end in the instances' ERROR state, not here."""
    from stratus.scheduler import request_spec
    flavor = request['flavor']
    if request.get('volume_backed'):
        # The root disk is a volume: nothing of the host's disk is claimed.
        flavor = dict(flavor, root_gb=0)
    spec = request_spec.build(
        {'uuid': instance_uuids[0], 'project_id': ctxt.project_id,
         'user_id': ctxt.user_id}, flavor, request.get('image'),
        num_instances=len(instance_uuids),
        availability_zone=request.get('availability_zone'),
        hints=request.get('scheduler_hints'), group=request.get('group'),
        requested_destination=request.get('requested_destination'))
    store = {'ctxt': ctxt.to_dict(), 'instance_uuids': instance_uuids,
             'request': request, 'spec': spec}
    try:
        volumes = bool(request.get('volumes'))
        flow_engine.run(
            lambda: get_flow(scheduler, compute_rpc, volumes), store,
            key=(FLOW_NAME, scheduler, compute_rpc, volumes), listeners=[
            lambda engine: flow_engine.ActionEventListener(
                engine, record, 'conductor_' + FLOW_NAME)])
    except Exception as exc:
        LOG.info('Build of %s ended in ERROR: %s', instance_uuids, exc)
