"""instance_reboot: soft or hard reboot of the guest on this host.

1. RestoreStateOnRevertTask - on failure: task_state None, fault recorded
2. RebootGuestTask          - driver.reboot(SOFT|HARD)
3. SaveInstanceStateTask    - active (ACTIVE), power from the driver
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import guest
from stratus.compute.tasks import instance

FLOW_NAME = 'instance_reboot'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.RestoreStateOnRevertTask(conductor),
        guest.RebootGuestTask(driver),
        instance.SaveInstanceStateTask(
            conductor, driver, states.ACTIVE,
            [states.REBOOTING, states.REBOOTING_HARD]),
    )
