"""Scheduler RPC endpoint: host and backend selection (filters, weighers)."""
import oslo_messaging as messaging

from stratus.common import exception
from stratus.common import rpc
from stratus.scheduler import filter_scheduler
from stratus.scheduler import rpcapi


class SchedulerManager:
    target = messaging.Target(version=rpcapi.SchedulerRPCClient.VERSION)

    def __init__(self):
        filter_scheduler.check_config()

    @rpc.expected_exceptions(exception.NoValidHost)
    def select_destinations(self, ctxt, spec, consumer_uuids):
        return filter_scheduler.select_destinations(ctxt, spec,
                                                    consumer_uuids)
