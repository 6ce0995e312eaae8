"""instance_volume_attach: plug a reserved volume into the guest on this
host (the API made the mapping and the reserved attachment).

1. AttachFailedOnRevertTask - on failure: attachment deleted (volume
                              available), mapping removed, fault recorded
2. ConnectVolumeTask        - driver connector -> conductor
                              attachment_update -> connection info (volume
                              attaching); revert: nothing (step 1 deletes
                              the attachment, which disconnects)
3. AttachVolumeTask         - driver.attach_volume; revert: detach_volume
4. SaveAttachmentTask       - connection info saved on the mapping,
                              attachment complete (volume in-use)
"""
from taskflow.patterns import linear_flow

from stratus.compute.tasks import volume

FLOW_NAME = 'instance_volume_attach'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        volume.AttachFailedOnRevertTask(conductor),
        volume.ConnectVolumeTask(driver, conductor),
        volume.AttachVolumeTask(driver),
        volume.SaveAttachmentTask(conductor),
    )
