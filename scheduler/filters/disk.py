"""DiskFilter: enough local disk left under disk_allocation_ratio."""
from stratus.scheduler import request_spec
from stratus.scheduler.filters import base


class DiskFilter(base.HostFilter):
    """The request needs root + ephemeral + swap (rounded up to GB)."""

    def host_passes(self, host, spec):
        requested = request_spec.resources(spec)['disk_gb']
        free = host.free_disk_gb
        if requested <= free:
            return True
        return self.reject('%d GB disk free, %d GB requested', max(free, 0),
                           requested)
