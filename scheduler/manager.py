"""Scheduler RPC endpoint: host and backend selection (filters, weighers)."""
import oslo_messaging as messaging

from stratus.scheduler import rpcapi


class SchedulerManager:
    target = messaging.Target(version=rpcapi.SchedulerRPCClient.VERSION)
