"""instance_resize_confirm (source): the move is kept; clean up here.

1. RestoreStateOnRevertTask - on failure: fault recorded, stays resized
2. ConfirmMigrationTask     - driver.confirm_migration removes the copy
3. FinishConfirmTask        - source claim released, active/stopped,
                              migration confirmed
"""
from taskflow.patterns import linear_flow

from stratus.compute.tasks import instance
from stratus.compute.tasks import migration

FLOW_NAME = 'instance_resize_confirm'


def get_flow(driver, conductor, compute_rpc=None):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.RestoreStateOnRevertTask(conductor),
        migration.ConfirmMigrationTask(driver),
        migration.FinishConfirmTask(conductor),
    )
