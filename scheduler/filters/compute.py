"""ComputeFilter: the host's compute service is up and enabled."""
from stratus.scheduler.filters import base


class ComputeFilter(base.HostFilter):
    """A host whose stratus-compute stopped heartbeating, was forced down or
    disabled by an operator takes no new instances."""
    run_once_per_request = True

    def host_passes(self, host, spec):
        if not host.has_service:
            return self.reject('no stratus-compute service record')
        if host.service_disabled:
            if host.disabled_reason:
                return self.reject('host is disabled (%s)',
                                   host.disabled_reason)
            return self.reject('host is disabled')
        if not host.service_up:
            return self.reject('compute service is down')
        return True
