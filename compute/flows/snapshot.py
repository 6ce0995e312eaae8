"""instance_snapshot: the root disk, flattened, becomes an image.

1. RestoreStateOnRevertTask - on failure: task_state None, fault recorded
2. DeleteImageOnRevertTask  - on failure: the half-made image is deleted
3. SetTaskStateTask image_snapshot       (from image_snapshot_pending)
4. SetTaskStateTask image_pending_upload
5. SetTaskStateTask image_uploading
6. UploadSnapshotTask       - driver.snapshot into a file, streamed up
7. SaveTaskStateNoneTask    - task_state None, vm_state unchanged
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import image
from stratus.compute.tasks import instance

FLOW_NAME = 'instance_snapshot'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.RestoreStateOnRevertTask(conductor),
        image.DeleteImageOnRevertTask(),
        instance.SetTaskStateTask(conductor, states.IMAGE_SNAPSHOT,
                                  states.IMAGE_SNAPSHOT_PENDING),
        instance.SetTaskStateTask(conductor, states.IMAGE_PENDING_UPLOAD,
                                  states.IMAGE_SNAPSHOT),
        instance.SetTaskStateTask(conductor, states.IMAGE_UPLOADING,
                                  states.IMAGE_PENDING_UPLOAD),
        image.UploadSnapshotTask(driver),
        instance.SaveTaskStateNoneTask(conductor, states.IMAGE_UPLOADING),
    )
