"""Client side of the compute RPC API (topic ``compute``, server = host)."""
from stratus.common import rpc


class ComputeRPCClient(rpc.RPCClientBase):
    TOPIC = 'compute'
    VERSION = '1.0'
    HISTORY = (
        '1.0 initial: no methods yet (instance operations arrive with the '
        'compute API)',
    )
