"""volume_reimage: an image written over a volume (3.68, os-reimage).

1. ReimageErrorOnRevertTask - revert: volume error
2. WriteImageTask           - download, driver.copy_image_to_volume
3. SaveReimagedTask         - previous status back, bootable, image
                              metadata of the new image
"""
from taskflow.patterns import linear_flow

from stratus.volume.tasks import reimage

FLOW_NAME = 'volume_reimage'


def get_flow(driver):
    return linear_flow.Flow(FLOW_NAME).add(
        reimage.ReimageErrorOnRevertTask(),
        reimage.WriteImageTask(driver),
        reimage.SaveReimagedTask(),
    )
