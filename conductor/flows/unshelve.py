"""instance_unshelve (conductor side): place an offloaded instance again.

1. UnshelveRestoreOnRevertTask - on failure: stays shelved, fault, claims
                                 released
2. SelectDestinationsTask      - scheduler picks and claims a node (the
                                 requested availability zone, if any)
3. DispatchUnshelveTask        - host recorded, spawn cast to that compute
"""
from taskflow.patterns import linear_flow

from stratus.common import flow_engine
from stratus.common import log
from stratus.conductor.tasks import scheduling
from stratus.conductor.tasks import unshelve

LOG = log.getLogger(__name__)
FLOW_NAME = 'instance_unshelve'


def get_flow(scheduler, compute_rpc):
    return linear_flow.Flow(FLOW_NAME).add(
        unshelve.UnshelveRestoreOnRevertTask(),
        scheduling.SelectDestinationsTask(scheduler),
        unshelve.DispatchUnshelveTask(compute_rpc),
    )


def run(ctxt, instance, image, availability_zone, host, scheduler,
        compute_rpc, record):
    from stratus.scheduler import request_spec
    spec = request_spec.build(
        instance, instance['flavor'], image,
        availability_zone=availability_zone,
        requested_destination={'host': host} if host else None)
    store = {'ctxt': ctxt.to_dict(), 'instance_uuids': [instance['uuid']],
             'request': {'image': image}, 'spec': spec}
    try:
        flow_engine.run(
            lambda: get_flow(scheduler, compute_rpc), store,
            key=(FLOW_NAME, scheduler, compute_rpc), listeners=[
            lambda engine: flow_engine.ActionEventListener(
                engine, record, 'conductor_' + FLOW_NAME)])
    except Exception as exc:
        LOG.info('Unshelve of %s failed: %s', instance['uuid'], exc)
