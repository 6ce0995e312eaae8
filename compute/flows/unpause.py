"""instance_unpause: unpause the guest on this host.

1. RestoreStateOnRevertTask - on failure: task_state None, vm_state kept,
                              fault recorded
2. UnpauseGuestTask         - driver.unpause; revert: driver.pause
3. SaveInstanceStateTask    - active (ACTIVE), power from the driver
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import guest
from stratus.compute.tasks import instance

FLOW_NAME = 'instance_unpause'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.RestoreStateOnRevertTask(conductor),
        guest.UnpauseGuestTask(driver),
        instance.SaveInstanceStateTask(conductor, driver, states.ACTIVE,
                                       states.UNPAUSING),
    )
