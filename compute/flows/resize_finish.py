"""instance_resize_finish (destination): start the guest here with the
new flavor; VERIFY_RESIZE.

1. ErrorOnRevertTask    - on failure: ERROR + fault (the disk has moved)
2. ApplyNewFlavorTask   - host, node, flavor now this side's (resize_finish)
3. ConnectMovedVolumesTask - its volumes connected to this host; revert:
                          disconnected again
4. FinishMigrationTask  - driver.finish_migration with them; revert:
                          destroy here
5. CompleteAttachmentsTask - the volumes in-use again
6. SaveResizedTask      - resized (VERIFY_RESIZE), migration finished
"""
from taskflow.patterns import linear_flow

from stratus.compute.tasks import instance
from stratus.compute.tasks import migration
from stratus.compute.tasks import volume
from stratus.compute.tasks import volume_moves

FLOW_NAME = 'instance_resize_finish'


def get_flow(driver, conductor, compute_rpc=None):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.ErrorOnRevertTask(conductor),
        migration.ApplyNewFlavorTask(conductor),
        volume_moves.ConnectMovedVolumesTask(driver, conductor),
        migration.FinishMigrationTask(driver),
        volume.CompleteAttachmentsTask(conductor),
        migration.SaveResizedTask(conductor, driver),
    )
