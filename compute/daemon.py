"""stratus-compute: one per hypervisor host; no database access (records
and heartbeats go through the conductor)."""
import sys

from stratus.common import config
from stratus.common import rpc
from stratus.common import service
from stratus.common.conf import CONF


class ConductorReporter:
    """Service records through the conductor (compute has no DB).

    A report sent before the conductor's queue exists is dropped, not
    delayed, so waiting the full RPC timeout for it is pointless: the call
    timeout starts at half a second and doubles on each miss, up to the
    heartbeat interval.
    """

    def __init__(self, client):
        self.client = client
        self.timeout = 0.5

    def __call__(self, ctxt, values):
        try:
            record = self.client.service_report(ctxt, values,
                                                timeout=self.timeout)
        except rpc.MessagingTimeout:
            self.timeout = min(self.timeout * 2, CONF.report_interval)
            raise
        # Registered: from now on a busy conductor gets a whole interval.
        self.timeout = CONF.report_interval
        return record


def main():
    config.parse_args(sys.argv[1:], 'stratus-compute')
    from stratus.compute import manager
    from stratus.compute.virt import loader
    from stratus.conductor import rpcapi as conductor_rpcapi
    conductor = conductor_rpcapi.ConductorRPCClient()
    member = service.Member(
        topic='compute', host=CONF.host,
        manager=manager.ComputeManager(CONF.host, loader.load_driver(),
                                       conductor),
        availability_zone=CONF.default_availability_zone)
    service.serve(service.Service('stratus-compute', [member],
                                  report=ConductorReporter(conductor)))


if __name__ == '__main__':
    main()
