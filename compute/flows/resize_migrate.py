"""instance_resize_migrate (source): power off and ship the disk.

1. ResizeRestoreOnRevertTask - on failure: stays here, claims put back,
                               migration error, fault recorded
2. SetTaskStateTask resize_migrating (from resize_prep)
3. MigrationStatusTask migrating
4. MigrateDiskTask           - driver.migrate_disk_and_power_off; revert:
                               the guest comes back here
5. HandOverVolumesTask       - its volumes disconnected here (new
                               reserved attachments); revert: connected
                               here again
6. SetTaskStateTask resize_migrated
7. MigrationStatusTask post-migrating
8. CastFinishResizeTask      - finish_resize cast to the destination
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import instance
from stratus.compute.tasks import migration
from stratus.compute.tasks import volume_moves

FLOW_NAME = 'instance_resize_migrate'


def get_flow(driver, conductor, compute_rpc):
    return linear_flow.Flow(FLOW_NAME).add(
        migration.ResizeRestoreOnRevertTask(conductor),
        instance.SetTaskStateTask(conductor, states.RESIZE_MIGRATING,
                                  states.RESIZE_PREP),
        migration.MigrationStatusTask(conductor, 'migrating'),
        migration.MigrateDiskTask(driver),
        volume_moves.HandOverVolumesTask(driver, conductor),
        instance.SetTaskStateTask(conductor, states.RESIZE_MIGRATED,
                                  states.RESIZE_MIGRATING),
        migration.MigrationStatusTask(conductor, 'post-migrating'),
        migration.CastFinishResizeTask(compute_rpc),
    )
