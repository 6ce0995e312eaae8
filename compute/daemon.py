"""stratus-compute: one per hypervisor host; no database access (records
and heartbeats go through the conductor)."""
import functools
import sys

from stratus.common import config
from stratus.common import service
from stratus.common.conf import CONF


def main():
    config.parse_args(sys.argv[1:], 'stratus-compute')
    from stratus.compute import manager
    from stratus.compute.virt import loader
    from stratus.conductor import rpcapi as conductor_rpcapi
    conductor = conductor_rpcapi.ConductorRPCClient()
    member = service.Member(
        topic='compute', host=CONF.host,
        manager=manager.ComputeManager(CONF.host, loader.load_driver()),
        availability_zone=CONF.default_availability_zone)
    # A short timeout: a report sent before the conductor's queue exists is
    # dropped, and the next attempt should not wait the full RPC timeout.
    report = functools.partial(conductor.service_report,
                               timeout=CONF.rpc_call_retry_interval * 2)
    service.serve(service.Service('stratus-compute', [member], report=report))


if __name__ == '__main__':
    main()
