"""snapshot_delete: remove a snapshot from its backend.

1. SnapshotDeleteErrorOnRevertTask - revert: error_deleting
2. DeleteSnapshotOnBackendTask     - driver.delete_snapshot; revert: nothing
3. DestroySnapshotRecordTask       - the row marked deleted (quota freed)
"""
from taskflow.patterns import linear_flow

from stratus.volume.tasks import snapshot

FLOW_NAME = 'snapshot_delete'


def get_flow(driver):
    return linear_flow.Flow(FLOW_NAME).add(
        snapshot.SnapshotDeleteErrorOnRevertTask(),
        snapshot.DeleteSnapshotOnBackendTask(driver),
        snapshot.DestroySnapshotRecordTask(),
    )
