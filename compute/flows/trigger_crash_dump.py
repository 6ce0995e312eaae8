"""instance_trigger_crash_dump: an NMI into the guest (its kernel dumps,
if configured to). No state changes, as nova: a failure leaves a fault.

1. RestoreStateOnRevertTask - on failure: the fault recorded
2. TriggerCrashDumpTask     - driver.trigger_crash_dump
"""
from taskflow.patterns import linear_flow

from stratus.compute.tasks import guest
from stratus.compute.tasks import instance

FLOW_NAME = 'instance_trigger_crash_dump'


class TriggerCrashDumpTask(guest.GuestTask):
    method, verb = 'trigger_crash_dump', 'Triggering a crash dump'


def get_flow(driver, conductor):
    return linear_flow.Flow(FLOW_NAME).add(
        instance.RestoreStateOnRevertTask(conductor),
        TriggerCrashDumpTask(driver),
    )
