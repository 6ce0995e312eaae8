"""instance_start: start the guest on this host.

1. RestoreStateOnRevertTask - on failure: task_state None, vm_state kept,
                              fault recorded
2. PowerOnGuestTask         - driver.power_on; revert: power_off
3. SaveInstanceStateTask    - active (ACTIVE), power from the driver
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import guest
from stratus.compute.tasks import instance

FLOW_NAME = 'instance_start'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.RestoreStateOnRevertTask(conductor),
        guest.PowerOnGuestTask(driver),
        instance.SaveInstanceStateTask(conductor, driver, states.ACTIVE,
                                       states.POWERING_ON),
    )
