"""volume_revert: a volume back to the data of its latest snapshot (3.40).

1. RevertErrorOnRevertTask - revert: volume error, snapshot available
2. RevertOnBackendTask     - driver.revert_to_snapshot; revert: nothing
3. SaveRevertedTask        - volume and snapshot available
"""
from taskflow.patterns import linear_flow

from stratus.volume.tasks import revert

FLOW_NAME = 'volume_revert'


def get_flow(driver):
    return linear_flow.Flow(FLOW_NAME).add(
        revert.RevertErrorOnRevertTask(),
        revert.RevertOnBackendTask(driver),
        revert.SaveRevertedTask(),
    )
