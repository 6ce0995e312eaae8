"""CoreFilter: enough vCPUs left under cpu_allocation_ratio."""
from stratus.scheduler.filters import base


class CoreFilter(base.HostFilter):
    """Free vCPUs are total x cpu_allocation_ratio minus the allocations.
    An instance never gets more vCPUs than the host has physical CPUs,
    whatever the ratio: it would only contend with itself."""

    def host_passes(self, host, spec):
        requested = spec['flavor']['vcpus']
        if requested > host.total_vcpus:
            return self.reject('%d vCPUs requested, the host has %d CPUs',
                               requested, host.total_vcpus)
        free = host.free_vcpus
        if requested <= free:
            return True
        return self.reject('%d vCPUs free, %d requested', max(free, 0),
                           requested)
