"""CapacityWeigher: prefer the pool with the most free (virtual) capacity;
a negative capacity_weight_multiplier fills the fullest pool first."""
import math

from stratus.common.conf import CONF
from stratus.scheduler.filters import capacity
from stratus.scheduler.weighers import base


def virtual_free(pool, thin):
    """Free GiB after the reserve; on thin pools, what may still be
    provisioned under the over-subscription ratio."""
    total = pool.total_capacity_gb
    reserve = math.floor(total * float(pool.reserved_percentage) / 100)
    if thin and pool.thin_provisioning_support:
        return (total * pool.max_over_subscription_ratio -
                pool.provisioned_capacity_gb - reserve)
    return pool.free_capacity_gb - reserve


class CapacityWeigher(base.Weigher):

    def multiplier(self):
        return CONF.capacity_weight_multiplier

    def weigh(self, pool, spec):
        if math.isinf(pool.free_capacity_gb) or \
                math.isinf(pool.total_capacity_gb):
            # Unknown capacity ranks last, so drivers report real numbers.
            return -1 if self.multiplier() > 0 else float('inf')
        return virtual_free(pool, capacity.provision_thin(pool, spec))
