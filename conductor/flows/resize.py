"""instance_resize (conductor side): cold migration or resize, placing
the instance on another host (or the same one when allowed).

1. ResizeRestoreOnRevertTask - on failure: instance untouched (task None),
                               migration error, fault recorded
2. MoveSourceClaimTask       - source claim moves to the migration;
                               revert: moved back
3. SelectDestinationsTask    - scheduler picks and claims the destination
                               (new flavor; the source is excluded unless
                               allow_resize_to_same_host)
4. DispatchResizeTask        - destination recorded, prep_resize cast
"""
from taskflow.patterns import linear_flow

from stratus.common import flow_engine
from stratus.common import log
from stratus.common.conf import CONF
from stratus.conductor.tasks import resize
from stratus.conductor.tasks import scheduling

LOG = log.getLogger(__name__)
FLOW_NAME = 'instance_resize'


def get_flow(scheduler, compute_rpc):
    return linear_flow.Flow(FLOW_NAME).add(
        resize.ResizeRestoreOnRevertTask(),
        resize.MoveSourceClaimTask(),
        scheduling.SelectDestinationsTask(scheduler),
        resize.DispatchResizeTask(compute_rpc),
    )


def run(ctxt, instance, migration, flavor, image, host, scheduler,
        compute_rpc, record):
    from stratus.scheduler import request_spec
    ignore = [] if CONF.allow_resize_to_same_host else [instance['host']]
    claimed = flavor
    if not instance.get('image_ref'):
        # The root disk is a volume: nothing of the host's disk is claimed
        # for it (nova's is_bfv), as at the build.
        claimed = dict(flavor, root_gb=0)
    spec = request_spec.build(
        instance, claimed, image, ignore_hosts=ignore,
        requested_destination={'host': host} if host else None)
    store = {'ctxt': ctxt.to_dict(), 'instance_uuids': [instance['uuid']],
             'migration': migration, 'spec': spec,
             'request': {'flavor': flavor, 'image': image}}
    try:
        flow_engine.run(
            lambda: get_flow(scheduler, compute_rpc), store,
            key=(FLOW_NAME, scheduler, compute_rpc), listeners=[
            lambda engine: flow_engine.ActionEventListener(
                engine, record, 'conductor_' + FLOW_NAME)])
    except Exception as exc:
        LOG.info('Resize of %s not started: %s', instance['uuid'], exc)
