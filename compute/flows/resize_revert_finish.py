"""instance_resize_revert_finish (source): the original guest runs again
with the old flavor.

1. ErrorOnRevertTask          - on failure: ERROR + fault
2. FinishRevertMigrationTask  - driver.finish_revert_migration
3. SaveRevertedTask           - host/flavor back, active/stopped,
                                migration reverted
"""
from taskflow.patterns import linear_flow

from stratus.compute.tasks import instance
from stratus.compute.tasks import migration

FLOW_NAME = 'instance_resize_revert_finish'


def get_flow(driver, conductor, compute_rpc=None):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.ErrorOnRevertTask(conductor),
        migration.FinishRevertMigrationTask(driver),
        migration.SaveRevertedTask(conductor, driver),
    )
