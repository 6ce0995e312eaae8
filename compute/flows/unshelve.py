"""instance_unshelve: spawn a shelved instance on the host the conductor
chose, from its shelved image, then delete that image.

1. UnshelveFailedOnRevertTask - on failure: back to SHELVED_OFFLOADED (no
                                host), fault recorded, claim released
2. SetTaskStateTask spawning  (from unshelving)
3. ConnectBlockDevicesTask    - the server's volumes connected to this host
4. SpawnGuestTask             - driver.spawn from the image with them;
                                revert: destroy
5. CompleteAttachmentsTask    - the volumes are in-use
   (steps 3-5: PowerOnGuestTask instead when the instance was shelved but
   not offloaded: its guest, volumes included, is still here, powered off)
6. SaveUnshelvedTask          - active (ACTIVE), shelved_* metadata dropped
7. DeleteShelvedImageTask     - the image has served (failure only logged)
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import guest
from stratus.compute.tasks import image
from stratus.compute.tasks import instance
from stratus.compute.tasks import volume

FLOW_NAME = 'instance_unshelve'


def get_flow(driver, conductor, offloaded=True):
    start = [guest.PowerOnGuestTask(driver)]
    if offloaded:
        start = [volume.ConnectBlockDevicesTask(driver, conductor),
                 guest.SpawnGuestTask(driver),
                 volume.CompleteAttachmentsTask(conductor)]
    return linear_flow.Flow(FLOW_NAME).add(
        instance.UnshelveFailedOnRevertTask(conductor),
        instance.SetTaskStateTask(conductor, states.SPAWNING,
                                  states.UNSHELVING),
        *start,
        instance.SaveUnshelvedTask(conductor, driver),
        image.DeleteShelvedImageTask(),
    )
