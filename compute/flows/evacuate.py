"""instance_evacuate (destination): re-create a server whose host is down.

1. EvacuateFailedOnRevertTask - on failure: ERROR + fault, migration
                                failed, the claims as before
2. PrepareEvacuationTask      - migration pre-migrating, shared storage as
                                the caller said; rebuild_block_device_mapping
3. TakeOverVolumesTask        - new attachments, the dead host's deleted
4. ConnectMovedVolumesTask    - the volumes connected here; revert:
                                disconnected again
5. SetTaskStateTask rebuild_spawning
6. SpawnEvacuatedTask         - the guest from its image or boot volume;
                                revert: destroyed
7. CompleteAttachmentsTask    - the volumes in-use
8. SaveEvacuatedTask          - migration done; host and node this one,
                                active (stopped if it was, or from 2.95)
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import evacuate
from stratus.compute.tasks import instance
from stratus.compute.tasks import volume
from stratus.compute.tasks import volume_moves

FLOW_NAME = 'instance_evacuate'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        evacuate.EvacuateFailedOnRevertTask(conductor),
        evacuate.PrepareEvacuationTask(conductor, driver),
        evacuate.TakeOverVolumesTask(conductor),
        volume_moves.ConnectMovedVolumesTask(driver, conductor),
        instance.SetTaskStateTask(conductor, states.REBUILD_SPAWNING,
                                  states.REBUILD_BLOCK_DEVICE_MAPPING),
        evacuate.SpawnEvacuatedTask(driver),
        volume.CompleteAttachmentsTask(conductor),
        evacuate.SaveEvacuatedTask(conductor, driver),
    )
