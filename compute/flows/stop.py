"""instance_stop: stop the guest on this host.

1. RestoreStateOnRevertTask - on failure: task_state None, vm_state kept,
                              fault recorded
2. PowerOffGuestTask        - driver.power_off (clean, then forced); revert: power_on
3. SaveInstanceStateTask    - stopped (SHUTOFF), power from the driver
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import guest
from stratus.compute.tasks import instance

FLOW_NAME = 'instance_stop'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.RestoreStateOnRevertTask(conductor),
        guest.PowerOffGuestTask(driver),
        instance.SaveInstanceStateTask(conductor, driver, states.STOPPED,
                                       states.POWERING_OFF),
    )
