"""instance_volume_detach: unplug a volume from the guest on this host
(the API moved the volume to detaching).

1. DetachFailedOnRevertTask - on failure: volume back to in-use
                              (roll_detaching), fault recorded
2. DetachVolumeTask         - driver.detach_volume; revert: attach again
3. DestroyBDMTask           - the mapping goes; revert: made again
4. DeleteAttachmentTask     - conductor attachment_delete: unexported,
                              volume available

The mapping goes before the attachment so that a failure of the last
step still leaves everything as it was.
"""
from taskflow.patterns import linear_flow

from stratus.compute.tasks import volume

FLOW_NAME = 'instance_volume_detach'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        volume.DetachFailedOnRevertTask(conductor),
        volume.DetachVolumeTask(driver),
        volume.DestroyBDMTask(conductor),
        volume.DeleteAttachmentTask(conductor),
    )
