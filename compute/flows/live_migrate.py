"""instance_live_migration (source): move the running guest to the
destination the conductor chose.

1. RestoreOnRevertTask     - on failure before the move: server ACTIVE
                             (or PAUSED) here, task_state None, claims
                             restored, migration error (cancelled after an
                             abort); after the move: server and migration
                             in error
2. MigrationStatusTask preparing
3. PreLiveMigrationTask    - destination attaches the volumes anew and
                             readies itself; revert: it undoes that
4. StartMoveTask           - an abort while queued/preparing cancels here
5. MigrationStatusTask running
6. MoveGuestTask           - driver.live_migration (force complete and
                             abort act on it while it runs)
7. PostLiveMigrationTask   - source lets go, destination takes over,
                             source claim released, migration completed
"""
from taskflow.patterns import linear_flow

from stratus.compute.tasks import live_migration
from stratus.compute.tasks import migration

FLOW_NAME = 'live_migration'


def get_flow(driver, conductor, compute_rpc, tracker):
    return linear_flow.Flow(FLOW_NAME).add(
        live_migration.RestoreOnRevertTask(conductor),
        migration.MigrationStatusTask(conductor, 'preparing'),
        live_migration.PreLiveMigrationTask(compute_rpc),
        live_migration.StartMoveTask(tracker),
        migration.MigrationStatusTask(conductor, 'running'),
        live_migration.MoveGuestTask(driver, conductor),
        live_migration.PostLiveMigrationTask(conductor, driver, compute_rpc),
    )
