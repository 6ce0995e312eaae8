"""instance_rebuild: a new root disk from another image; same id, flavor,
host and metadata.

1. ErrorOnRevertTask             - on failure: ERROR + fault (as nova)
2. ReimageRootVolumeTask         - 2.93, volume-backed, still rebuilding
                                   (as nova): the guest goes, the block
                                   storage re-images the root volume, its
                                   volume-reimaged event is waited for,
                                   the volume is connected again
3. SetTaskStateTask rebuild_block_device_mapping (from rebuilding)
4. SavedBlockDevicesTask         - the attached volumes (kept)
5. SetTaskStateTask rebuild_spawning
6. RebuildGuestTask              - destroy + spawn from the new image, the
                                   volumes plugged in again
7. SaveRebuiltStateTask          - active, or stopped if it was stopped
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import guest
from stratus.compute.tasks import instance
from stratus.compute.tasks import volume
from stratus.compute.tasks import volume_rebuild

FLOW_NAME = 'instance_rebuild'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.ErrorOnRevertTask(conductor),
        volume_rebuild.ReimageRootVolumeTask(driver, conductor),
        instance.SetTaskStateTask(conductor,
                                  states.REBUILD_BLOCK_DEVICE_MAPPING,
                                  states.REBUILDING),
        volume.SavedBlockDevicesTask(conductor),
        instance.SetTaskStateTask(conductor, states.REBUILD_SPAWNING,
                                  states.REBUILD_BLOCK_DEVICE_MAPPING),
        guest.RebuildGuestTask(driver),
        instance.SaveRebuiltStateTask(conductor, driver),
    )
