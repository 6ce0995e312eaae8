"""instance_spawn: create the guest of a newly scheduled instance.

1. ErrorOnRevertTask(release)  - on failure: ERROR + fault, node claim freed
2. SetTaskStateTask networking           (None -> networking)
3. SetTaskStateTask block_device_mapping (networking -> bdm)
4. ConnectBlockDevicesTask     - each volume of the server (its boot
                                 volume too) connected to this host
5. SetTaskStateTask spawning             (bdm -> spawning)
6. SpawnGuestTask              - driver.spawn with those volumes; revert:
                                 driver.destroy
7. CompleteAttachmentsTask     - the volumes are in-use
8. SaveInstanceStateTask       - ACTIVE, power from the driver, launched_at
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import guest
from stratus.compute.tasks import instance
from stratus.compute.tasks import volume

FLOW_NAME = 'instance_spawn'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.ErrorOnRevertTask(conductor, release=True),
        instance.SetTaskStateTask(conductor, states.NETWORKING, None),
        instance.SetTaskStateTask(conductor, states.BLOCK_DEVICE_MAPPING,
                                  states.NETWORKING),
        volume.ConnectBlockDevicesTask(driver, conductor),
        instance.SetTaskStateTask(conductor, states.SPAWNING,
                                  states.BLOCK_DEVICE_MAPPING),
        guest.SpawnGuestTask(driver),
        volume.CompleteAttachmentsTask(conductor),
        instance.SaveInstanceStateTask(conductor, driver, states.ACTIVE,
                                       states.SPAWNING, launched=True),
    )
