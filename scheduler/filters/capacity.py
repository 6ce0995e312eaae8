"""CapacityFilter: the pool has room for the volume, counting its reserved
percentage and, on thin pools, the over-subscription ratio."""
import math

from stratus.scheduler.filters import base

INFINITE = float('inf')


def provision_thin(pool, spec):
    """Thin accounting applies unless the type asks for thick."""
    extra_specs = (spec.get('volume_type') or {}).get('extra_specs') or {}
    return extra_specs.get('provisioning:type') != 'thick'


class CapacityFilter(base.HostFilter):
    """Every rejection says why (the numbers it compared), as operators
    need to know which limit bit."""

    def host_passes(self, pool, spec):
        requested = spec.get('size') or 0
        if requested == 0:
            return True
        free, total = pool.free_capacity_gb, pool.total_capacity_gb
        reserved = float(pool.reserved_percentage) / 100
        if free == INFINITE:
            return True
        if total == INFINITE:
            return reserved == 0 or self.reject(
                'cannot keep %s%% reserved of an unknown total capacity',
                pool.reserved_percentage)
        if total <= 0:
            return self.reject('insufficient free space: total capacity is '
                               '%.2f GiB', total)
        free_after_reserve = free - math.floor(total * reserved)
        if provision_thin(pool, spec) and pool.thin_provisioning_support:
            return self._thin_passes(pool, requested, total,
                                     free_after_reserve)
        if free_after_reserve < requested:
            return self.reject('insufficient free space for volume creation '
                               '(requested / avail): %s/%s GiB', requested,
                               free_after_reserve)
        return True

    def _thin_passes(self, pool, requested, total, free_after_reserve):
        ratio = pool.max_over_subscription_ratio
        if ratio < 1:
            return self.reject('invalid maximum over subscription ratio of '
                               '%.2f (it should be at least 1.0)', ratio)
        provisioned_ratio = (pool.provisioned_capacity_gb + requested) / total
        if provisioned_ratio > ratio:
            return self.reject(
                'insufficient free space for thin provisioning: the ratio '
                'of provisioned capacity over total capacity %.2f has '
                'exceeded the maximum over subscription ratio %.2f',
                provisioned_ratio, ratio)
        virtual_free = free_after_reserve * ratio
        if virtual_free < requested:
            return self.reject('insufficient free virtual space (%s GiB) to '
                               'accommodate thin provisioned %s GiB volume',
                               virtual_free, requested)
        return True
