"""instance_swap_volume: move the guest's disk from one volume to another
on this host (nova's swap_volume; cinder asks for it when it migrates an
attached volume, the API reserved the new volume's attachment).

1. SwapFailedOnRevertTask   - on failure: old volume's detaching rolled
                              back, new attachment deleted, the migration
                              completed with error, fault recorded
2. ConnectNewVolumeTask     - conductor attachment_update of the new
                              attachment -> its connection info
3. SwapGuestVolumeTask      - driver.swap_volume (copy, switch); revert:
                              swap back
4. CompleteNewAttachmentTask - new attachment complete (new volume in-use)
5. FinishSwapTask           - old attachment deleted, migration completion
                              (the old id keeps the copy), mapping updated
"""
from taskflow.patterns import linear_flow

from stratus.compute.tasks import volume_swap

FLOW_NAME = 'instance_swap_volume'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        volume_swap.SwapFailedOnRevertTask(conductor),
        volume_swap.ConnectNewVolumeTask(driver, conductor),
        volume_swap.SwapGuestVolumeTask(driver),
        volume_swap.CompleteNewAttachmentTask(conductor),
        volume_swap.FinishSwapTask(conductor),
    )
