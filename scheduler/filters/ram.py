"""RamFilter: enough memory left under ram_allocation_ratio."""
from stratus.scheduler.filters import base


class RamFilter(base.HostFilter):
    """Free memory is total x ram_allocation_ratio minus the allocations
    (and the claims of earlier picks of the same request)."""

    def host_passes(self, host, spec):
        requested = spec['flavor']['memory_mb']
        free = host.free_memory_mb
        if requested <= free:
            return True
        return self.reject('%d MB RAM free, %d MB requested',
                           max(free, 0), requested)
