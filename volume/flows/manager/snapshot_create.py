"""snapshot_create: take a snapshot of a volume on its backend.

1. SnapshotErrorOnRevertTask    - revert: snapshot error, quota released,
                                  user message
2. CreateSnapshotOnBackendTask  - driver.create_snapshot; revert:
                                  driver.delete_snapshot
3. SaveSnapshotAvailableTask    - available, progress 100%
"""
from taskflow.patterns import linear_flow

from stratus.volume.tasks import snapshot

FLOW_NAME = 'snapshot_create'


def get_flow(driver):
    return linear_flow.Flow(FLOW_NAME).add(
        snapshot.SnapshotErrorOnRevertTask(),
        snapshot.CreateSnapshotOnBackendTask(driver),
        snapshot.SaveSnapshotAvailableTask(),
    )
