"""instance_resume: resume the guest on this host.

1. RestoreStateOnRevertTask - on failure: task_state None, vm_state kept,
                              fault recorded
2. ResumeGuestTask          - driver.resume; revert: driver.suspend
3. SaveInstanceStateTask    - active (ACTIVE), power from the driver
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import guest
from stratus.compute.tasks import instance

FLOW_NAME = 'instance_resume'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.RestoreStateOnRevertTask(conductor),
        guest.ResumeGuestTask(driver),
        instance.SaveInstanceStateTask(conductor, driver, states.ACTIVE,
                                       states.RESUMING),
    )
