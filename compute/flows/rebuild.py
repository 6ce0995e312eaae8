"""instance_rebuild: a new root disk from another image; same id, flavor,
host and metadata.

1. ErrorOnRevertTask             - on failure: ERROR + fault (as nova)
2. SetTaskStateTask rebuild_block_device_mapping (from rebuilding)
3. SetTaskStateTask rebuild_spawning
4. RebuildGuestTask              - destroy + spawn from the new image
5. SaveRebuiltStateTask          - active, or stopped if it was stopped
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import guest
from stratus.compute.tasks import instance

FLOW_NAME = 'instance_rebuild'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.ErrorOnRevertTask(conductor),
        instance.SetTaskStateTask(conductor,
                                  states.REBUILD_BLOCK_DEVICE_MAPPING,
                                  states.REBUILDING),
        instance.SetTaskStateTask(conductor, states.REBUILD_SPAWNING,
                                  states.REBUILD_BLOCK_DEVICE_MAPPING),
        guest.RebuildGuestTask(driver),
        instance.SaveRebuiltStateTask(conductor, driver),
    )
