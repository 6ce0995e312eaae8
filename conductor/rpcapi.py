"""Client side of the conductor RPC API (topic ``conductor``).

The conductor is the database proxy of stratus-compute, which has no DB
access of its own, and (later) runs the flows that need a placement
decision.
"""
from stratus.common import rpc


class ConductorRPCClient(rpc.RPCClientBase):
    TOPIC = 'conductor'
    VERSION = '1.0'
    HISTORY = (
        '1.0 initial: service_report',
    )

    def service_report(self, ctxt, values, timeout=None):
        """Register a service or record its heartbeat; returns the record."""
        return self._prepare('1.0', timeout=timeout).call(
            ctxt, 'service_report', values=values)
