"""instance_resize_finish (destination): start the guest here with the
new flavor; VERIFY_RESIZE.

1. ErrorOnRevertTask    - on failure: ERROR + fault (the disk has moved)
2. ApplyNewFlavorTask   - host, node, flavor now this side's (resize_finish)
3. FinishMigrationTask  - driver.finish_migration; revert: destroy here
4. SaveResizedTask      - resized (VERIFY_RESIZE), migration finished
"""
from taskflow.patterns import linear_flow

from stratus.compute.tasks import instance
from stratus.compute.tasks import migration

FLOW_NAME = 'instance_resize_finish'


def get_flow(driver, conductor, compute_rpc=None):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.ErrorOnRevertTask(conductor),
        migration.ApplyNewFlavorTask(conductor),
        migration.FinishMigrationTask(driver),
        migration.SaveResizedTask(conductor, driver),
    )
