"""instance_resize_revert (destination): drop the moved guest, give the
claims back, let the source start the original again.

1. ErrorOnRevertTask     - on failure: ERROR + fault
2. DestroyGuestTask      - the guest here goes
3. HandOverVolumesTask   - its volumes disconnected here; revert:
                           connected here again
4. RevertClaimsTask      - destination claim released, source claim back
5. CastFinishRevertTask  - finish_revert_resize cast to the source
"""
from taskflow.patterns import linear_flow

from stratus.compute.tasks import guest
from stratus.compute.tasks import instance
from stratus.compute.tasks import migration
from stratus.compute.tasks import volume_moves

FLOW_NAME = 'instance_resize_revert'


def get_flow(driver, conductor, compute_rpc):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.ErrorOnRevertTask(conductor),
        guest.DestroyGuestTask(driver),
        volume_moves.HandOverVolumesTask(driver, conductor),
        migration.RevertClaimsTask(conductor),
        migration.CastFinishRevertTask(compute_rpc),
    )
