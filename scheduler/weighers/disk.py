"""DiskWeigher: prefer the host with the most free local disk."""
from stratus.scheduler.weighers import base


class DiskWeigher(base.Weigher):
    """Spreads by free disk; a negative disk_weight_multiplier stacks."""
    multiplier_opt = 'disk_weight_multiplier'

    def weigh(self, host, spec):
        return host.free_disk_gb
