"""volume_extend: grow a volume to new_size GiB.

1. ExtendErrorOnRevertTask    - revert: error_extending, reserved
                                gigabytes released, a user message
2. ExtendVolumeOnBackendTask  - driver.extend_volume; revert: nothing
3. SaveExtendedVolumeTask     - new size, previous status back,
                                reservation committed
"""
from taskflow.patterns import linear_flow

from stratus.volume.tasks import extend

FLOW_NAME = 'volume_extend'


def get_flow(driver):
    return linear_flow.Flow(FLOW_NAME).add(
        extend.ExtendErrorOnRevertTask(),
        extend.ExtendVolumeOnBackendTask(driver),
        extend.SaveExtendedVolumeTask(),
    )
