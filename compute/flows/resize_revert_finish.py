"""instance_resize_revert_finish (source): the original guest runs again
with the old flavor.

1. ErrorOnRevertTask          - on failure: ERROR + fault
2. ConnectMovedVolumesTask    - its volumes connected here again;
                                revert: disconnected
3. FinishRevertMigrationTask  - driver.finish_revert_migration
4. CompleteAttachmentsTask     - the volumes in-use again
5. SaveRevertedTask           - host/flavor back, active/stopped,
                                migration reverted
"""
from taskflow.patterns import linear_flow

from stratus.compute.tasks import instance
from stratus.compute.tasks import migration
from stratus.compute.tasks import volume
from stratus.compute.tasks import volume_moves

FLOW_NAME = 'instance_resize_revert_finish'


def get_flow(driver, conductor, compute_rpc=None):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.ErrorOnRevertTask(conductor),
        volume_moves.ConnectMovedVolumesTask(driver, conductor),
        migration.FinishRevertMigrationTask(driver),
        volume.CompleteAttachmentsTask(conductor),
        migration.SaveRevertedTask(conductor, driver),
    )
