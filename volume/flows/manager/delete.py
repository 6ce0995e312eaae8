"""volume_delete: remove a volume (and with cascade its snapshots).

1. DeleteErrorOnRevertTask    - revert: error_deleting
2. DeleteSnapshotsTask        - (cascade only) each snapshot off the backend
                                and its row; revert: error_deleting on the
                                ones left
3. DeleteVolumeOnBackendTask  - driver.delete_volume; revert: nothing
4. DestroyVolumeRecordTask    - the row marked deleted (quota freed)
"""
from taskflow.patterns import linear_flow

from stratus.volume.tasks import delete

FLOW_NAME = 'volume_delete'


def get_flow(driver, cascade=False):
    flow = linear_flow.Flow(FLOW_NAME).add(delete.DeleteErrorOnRevertTask())
    if cascade:
        flow.add(delete.DeleteSnapshotsTask(driver))
    return flow.add(delete.DeleteVolumeOnBackendTask(driver),
                    delete.DestroyVolumeRecordTask())
