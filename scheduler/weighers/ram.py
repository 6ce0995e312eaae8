"""RAMWeigher: prefer the host with the most free memory."""
from stratus.scheduler.weighers import base


class RAMWeigher(base.Weigher):
    """Spreads by free RAM; a negative ram_weight_multiplier stacks."""
    multiplier_opt = 'ram_weight_multiplier'

    def weigh(self, host, spec):
        return host.free_memory_mb
