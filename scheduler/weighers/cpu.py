"""CPUWeigher: prefer the host with the most free vCPUs."""
from stratus.scheduler.weighers import base


class CPUWeigher(base.Weigher):
    """Spreads by free vCPUs; a negative cpu_weight_multiplier stacks."""
    multiplier_opt = 'cpu_weight_multiplier'

    def weigh(self, host, spec):
        return host.free_vcpus
