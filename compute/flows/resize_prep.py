"""instance_resize_prep (destination): accept the incoming instance, then
ask the source to move it.

1. ResizeRestoreOnRevertTask - on failure: stays on the source, claims put
                               back, migration error, fault recorded
2. CastResizeInstanceTask    - resize_instance cast to the source, with
                               where the disk goes (dest_target)
"""
from taskflow.patterns import linear_flow

from stratus.compute.tasks import migration

FLOW_NAME = 'instance_resize_prep'


def get_flow(driver, conductor, compute_rpc):
    return linear_flow.Flow(FLOW_NAME).add(
        migration.ResizeRestoreOnRevertTask(conductor),
        migration.CastResizeInstanceTask(compute_rpc, driver),
    )
