"""instance_pause: pause the guest on this host.

1. RestoreStateOnRevertTask - on failure: task_state None, vm_state kept,
                              fault recorded
2. PauseGuestTask           - driver.pause; revert: driver.unpause
3. SaveInstanceStateTask    - paused (PAUSED), power from the driver
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import guest
from stratus.compute.tasks import instance

FLOW_NAME = 'instance_pause'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.RestoreStateOnRevertTask(conductor),
        guest.PauseGuestTask(driver),
        instance.SaveInstanceStateTask(conductor, driver, states.PAUSED,
                                       states.PAUSING),
    )
