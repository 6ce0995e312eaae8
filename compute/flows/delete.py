"""instance_delete: remove the guest, then the record.

1. ErrorOnRevertTask          - on failure: ERROR + fault (delete again)
2. DestroyGuestTask           - driver.destroy (missing guest is fine)
3. ReleaseVolumesTask         - volumes detached (attachments deleted),
                                those with delete_on_termination deleted
4. DestroyInstanceRecordTask  - deleted, resources released
"""
from taskflow.patterns import linear_flow

from stratus.compute.tasks import guest
from stratus.compute.tasks import instance
from stratus.compute.tasks import volume

FLOW_NAME = 'instance_delete'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.ErrorOnRevertTask(conductor),
        guest.DestroyGuestTask(driver),
        volume.ReleaseVolumesTask(conductor),
        instance.DestroyInstanceRecordTask(conductor),
    )
