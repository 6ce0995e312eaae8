"""volume_create_scheduler: place a new volume on a backend pool and hand
it to that backend's stratus-volume.

1. ExtractSchedulerSpecTask  - the filter spec from the request (size,
                               zone, type and extra specs, source backend,
                               retry state); revert: volume error, quota
                               released, user message
2. ScheduleCreateVolumeTask  - AvailabilityZoneFilter, CapacityFilter,
                               CapabilitiesFilter, CapacityWeigher pick
                               host@backend#pool (recorded on the volume),
                               then create_volume is cast to
                               volume.host@backend; NoValidBackend: error +
                               "No valid backend was found" message, and the
                               flow still succeeds (an outcome, not a crash)
"""
from taskflow.patterns import linear_flow

from stratus.common import flow_engine
from stratus.common import log
from stratus.scheduler.tasks import volume_create

LOG = log.getLogger(__name__)
FLOW_NAME = 'volume_create_scheduler'


def get_flow(volume_rpc):
    return linear_flow.Flow(FLOW_NAME).add(
        volume_create.ExtractSchedulerSpecTask(),
        volume_create.ScheduleCreateVolumeTask(volume_rpc),
    )


def run(ctxt, volume_id, request_spec, filter_properties, volume_rpc):
    """Run the flow; failures end in the volume's error state, not here."""
    store = {'ctxt': ctxt.to_dict(), 'volume_id': volume_id,
             'request_spec': request_spec,
             'filter_properties': filter_properties or {}}
    try:
        return flow_engine.run(lambda: get_flow(volume_rpc), store,
                               key=(FLOW_NAME, volume_rpc))['pool']
    except Exception as exc:
        LOG.error('Scheduling volume %s failed: %s', volume_id, exc)
        return None
