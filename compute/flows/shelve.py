"""instance_shelve: snapshot to an image, guest off (SHELVED). With
shelved_offload_time = 0 the manager runs instance_shelve_offload next.

1. RestoreStateOnRevertTask - on failure: task_state None, fault recorded
2. DeleteImageOnRevertTask  - on failure: the shelve image is deleted
3. ShelvePowerOffTask       - guest off; revert: on again if it was running
4. SetTaskStateTask shelving_image_pending_upload (from shelving)
5. SetTaskStateTask shelving_image_uploading
6. UploadSnapshotTask       - the disk becomes <name>-shelved
7. SaveShelvedTask          - shelved (SHELVED), shelved_image_id recorded
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import guest
from stratus.compute.tasks import image
from stratus.compute.tasks import instance

FLOW_NAME = 'instance_shelve'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.RestoreStateOnRevertTask(conductor),
        image.DeleteImageOnRevertTask(),
        guest.ShelvePowerOffTask(driver),
        instance.SetTaskStateTask(conductor,
                                  states.SHELVING_IMAGE_PENDING_UPLOAD,
                                  states.SHELVING),
        instance.SetTaskStateTask(conductor, states.SHELVING_IMAGE_UPLOADING,
                                  states.SHELVING_IMAGE_PENDING_UPLOAD),
        image.UploadSnapshotTask(driver),
        instance.SaveShelvedTask(conductor),
    )
