"""instance_rescue: boot a rescue image with the instance's disk attached.

1. RestoreStateOnRevertTask - on failure: task_state None, fault recorded
2. RescueGuestTask          - driver.rescue; revert: driver.unrescue
3. SaveInstanceStateTask    - rescued (RESCUE)
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import guest
from stratus.compute.tasks import instance

FLOW_NAME = 'instance_rescue'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.RestoreStateOnRevertTask(conductor),
        guest.RescueGuestTask(driver),
        instance.SaveInstanceStateTask(conductor, driver, states.RESCUED,
                                       states.RESCUING),
    )
