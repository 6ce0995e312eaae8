"""Client side of the volume RPC API (topic ``volume``, server =
``host@backend``)."""
from stratus.common import rpc


class VolumeRPCClient(rpc.RPCClientBase):
    TOPIC = 'volume'
    VERSION = '1.0'
    HISTORY = (
        '1.0 initial: no methods yet (volumes arrive with block storage)',
    )
