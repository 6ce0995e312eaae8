"""instance_unrescue: boot the instance from its own disk again.

1. RestoreStateOnRevertTask - on failure: task_state None, fault recorded
2. UnrescueGuestTask        - driver.unrescue
3. SaveInstanceStateTask    - active (ACTIVE)
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import guest
from stratus.compute.tasks import instance

FLOW_NAME = 'instance_unrescue'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.RestoreStateOnRevertTask(conductor),
        guest.UnrescueGuestTask(driver),
        instance.SaveInstanceStateTask(conductor, driver, states.ACTIVE,
                                       states.UNRESCUING),
    )
