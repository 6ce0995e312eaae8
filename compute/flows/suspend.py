"""instance_suspend: suspend the guest on this host.

1. RestoreStateOnRevertTask - on failure: task_state None, vm_state kept,
                              fault recorded
2. SuspendGuestTask         - driver.suspend; revert: driver.resume
3. SaveInstanceStateTask    - suspended (SUSPENDED), power from the driver
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import guest
from stratus.compute.tasks import instance

FLOW_NAME = 'instance_suspend'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.RestoreStateOnRevertTask(conductor),
        guest.SuspendGuestTask(driver),
        instance.SaveInstanceStateTask(conductor, driver, states.SUSPENDED,
                                       states.SUSPENDING),
    )
