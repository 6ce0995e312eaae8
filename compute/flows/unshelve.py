"""instance_unshelve: spawn a shelved instance on the host the conductor
chose, from its shelved image, then delete that image.

1. UnshelveFailedOnRevertTask - on failure: back to SHELVED_OFFLOADED (no
                                host), fault recorded, claim released
2. SetTaskStateTask spawning  (from unshelving)
3. SpawnGuestTask             - driver.spawn from the image; revert: destroy
   (PowerOnGuestTask instead when the instance was shelved but not
   offloaded: its guest is still here, powered off)
4. SaveUnshelvedTask          - active (ACTIVE), shelved_* metadata dropped
5. DeleteShelvedImageTask     - the image has served (failure only logged)
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import guest
from stratus.compute.tasks import image
from stratus.compute.tasks import instance

FLOW_NAME = 'instance_unshelve'


def get_flow(driver, conductor, offloaded=True):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.UnshelveFailedOnRevertTask(conductor),
        instance.SetTaskStateTask(conductor, states.SPAWNING,
                                  states.UNSHELVING),
        guest.SpawnGuestTask(driver) if offloaded
        else guest.PowerOnGuestTask(driver),
        instance.SaveUnshelvedTask(conductor, driver),
        image.DeleteShelvedImageTask(),
    )
