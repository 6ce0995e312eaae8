"""volume_create_manager: create a scheduled volume on this backend.

1. ExtractVolumeRefTask      - the volume row (still creating); revert:
                               nothing
2. OnFailureRescheduleTask   - revert: back to the scheduler for another
                               pool (up to scheduler_max_attempts), or
                               error + quota released + user message
3. ExtractVolumeSpecTask     - the driver's view of the volume and its
                               source; revert: nothing
4. NotifyVolumeActionTask    - create.start; revert: nothing
5. one of, chosen here from the request:
   CreateRawVolumeTask | CreateFromSnapshotTask | CloneVolumeTask |
   CreateFromImageTask       - the driver call(s); revert: delete it
6. CreateVolumeOnFinishTask  - available, provider_location, launched_at
"""
from taskflow.patterns import linear_flow

from stratus.volume.tasks import create
from stratus.volume.tasks import volume_ref

FLOW_NAME = 'volume_create_manager'


def _rescheduled(request_spec, filter_properties):
    # A volume made from a snapshot or a volume cannot leave its source's
    # backend, so only the others are worth another pool.
    return bool((filter_properties or {}).get('retry')) and \
        not request_spec.get('resource_backend')


def shape(request_spec, filter_properties):
    """What the flow built for these depends on (its engine is reused for
    the next create of the same shape)."""
    return (FLOW_NAME, _rescheduled(request_spec, filter_properties),
            create.kind_of(request_spec))


def get_flow(driver, host, scheduler_rpc, request_spec, filter_properties):
    do_reschedule = _rescheduled(request_spec, filter_properties)
    return linear_flow.Flow(FLOW_NAME).add(
        volume_ref.ExtractVolumeRefTask(host),
        volume_ref.OnFailureRescheduleTask(scheduler_rpc, do_reschedule),
        volume_ref.ExtractVolumeSpecTask(),
        volume_ref.NotifyVolumeActionTask('create.start'),
        create.task_for(request_spec, driver),
        volume_ref.CreateVolumeOnFinishTask(),
    )
