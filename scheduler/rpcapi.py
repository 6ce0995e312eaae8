"""Client side of the scheduler RPC API (topic ``scheduler``)."""
from stratus.common import rpc


class SchedulerRPCClient(rpc.RPCClientBase):
    TOPIC = 'scheduler'
    VERSION = '1.0'
    HISTORY = (
        '1.0 initial: no methods yet (placement arrives with compute)',
    )
