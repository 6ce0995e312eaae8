"""DifferentHostFilter: the scheduler hint different_host (instance uuids)."""
from stratus.scheduler.filters import base


class DifferentHostFilter(base.HostFilter):
    """With the hint, a host passes when none of the named instances is on
    it; without it, every host passes."""
    run_once_per_request = True

    def host_passes(self, host, spec):
        avoid = set((spec.get('scheduler_hints') or {}).get('different_host')
                    or ())
        here = avoid & host.instances
        if not here:
            return True
        return self.reject('different_host instance %s is here',
                           ', '.join(sorted(here)))
