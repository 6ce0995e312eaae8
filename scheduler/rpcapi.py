"""Client side of the scheduler RPC API (topic ``scheduler``)."""
from stratus.common import rpc


class SchedulerRPCClient(rpc.RPCClientBase):
    TOPIC = 'scheduler'
    VERSION = '1.1'
    HISTORY = (
        '1.0 initial: no methods yet (placement arrives with compute)',
        '1.1 add select_destinations',
    )

    def select_destinations(self, ctxt, spec, consumer_uuids):
        """[{'host', 'node', 'availability_zone'}] per consumer uuid, each
        with its allocation written; raises NoValidHost (a
        ``NoValidHost_Remote`` subclass, with ``details``) when one fits
        nowhere. `spec` comes from scheduler.request_spec.build()."""
        return self._prepare('1.1').call(ctxt, 'select_destinations',
                                         spec=spec,
                                         consumer_uuids=list(consumer_uuids))
