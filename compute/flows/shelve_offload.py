"""instance_shelve_offload: free the host of a shelved instance.

1. RestoreStateOnRevertTask - on failure: task_state None, stays SHELVED
2. SetTaskStateTask shelving_offloading (from None, or already set by the
   shelveOffload API call)
3. DestroyGuestTask         - the guest and its local disk go
4. SaveOffloadedTask        - shelved_offloaded, host cleared, claim freed
"""
from taskflow.patterns import linear_flow

from stratus.compute import states
from stratus.compute.tasks import guest
from stratus.compute.tasks import instance

FLOW_NAME = 'instance_shelve_offload'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.RestoreStateOnRevertTask(conductor),
        instance.SetTaskStateTask(conductor, states.SHELVING_OFFLOADING,
                                  [None, states.SHELVING_OFFLOADING]),
        guest.DestroyGuestTask(driver),
        instance.SaveOffloadedTask(conductor),
    )
