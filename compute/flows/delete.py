"""instance_delete: remove the guest, then the record.

1. ErrorOnRevertTask          - on failure: ERROR + fault (delete again)
2. DestroyGuestTask           - driver.destroy (missing guest is fine)
3. DestroyInstanceRecordTask  - deleted, resources released
"""
from taskflow.patterns import linear_flow

from stratus.compute.tasks import guest
from stratus.compute.tasks import instance

FLOW_NAME = 'instance_delete'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.ErrorOnRevertTask(conductor),
        guest.DestroyGuestTask(driver),
        instance.DestroyInstanceRecordTask(conductor),
    )
