"""instance_backup: a snapshot image tagged as a backup, then the oldest
backups of the same server and type beyond `rotation` are deleted.

1. RestoreStateOnRevertTask - on failure: task_state None, fault recorded
2. DeleteImageOnRevertTask  - on failure: the half-made image is deleted
3. SetTaskStateTask image_pending_upload (from image_backup)
4. SetTaskStateTask image_uploading
5. UploadSnapshotTask       - driver.snapshot into a file, streamed up
6. SaveTaskStateNoneTask    - task_state None, vm_state unchanged
7. RotateBackupsTask        - delete the excess backups, oldest first
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import backup_rotation
from stratus.compute.tasks import image
from stratus.compute.tasks import instance

FLOW_NAME = 'instance_backup'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.RestoreStateOnRevertTask(conductor),
        image.DeleteImageOnRevertTask(),
        instance.SetTaskStateTask(conductor, states.IMAGE_PENDING_UPLOAD,
                                  states.IMAGE_BACKUP),
        instance.SetTaskStateTask(conductor, states.IMAGE_UPLOADING,
                                  states.IMAGE_PENDING_UPLOAD),
        image.UploadSnapshotTask(driver),
        instance.SaveTaskStateNoneTask(conductor, states.IMAGE_UPLOADING),
        backup_rotation.RotateBackupsTask(),
    )
