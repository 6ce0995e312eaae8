"""parse_args(): what every daemon does first (options, logging, RPC)."""
import sys

from stratus.common import log
from stratus.common.conf import CONF


SWITCH_INTERVAL = 0.001


def parse_args(argv, service_name, *, init_rpc=True, conf=CONF):
    """Read /etc/stratus/stratus.conf (or --config-file), set up logging
    to this daemon's own file and, for daemons on the bus, the transport."""
    log.register(conf)
    if init_rpc:
        # A daemon's threads mostly wait on sockets; one woken by a message
        # or a request otherwise waits up to 5 ms for a busy thread to give
        # up the GIL, once per hand-off along an operation's path.
        sys.setswitchinterval(SWITCH_INTERVAL)
    conf(argv, project='stratus', prog=service_name)
    log.setup(conf, service_name)
    if init_rpc:
        from stratus.common import rpc
        rpc.init(conf)
