"""SameHostFilter: the scheduler hint same_host (instance uuids)."""
from stratus.scheduler.filters import base


class SameHostFilter(base.HostFilter):
    """With the hint, a host passes when one of the named instances is on
    it; without it, every host passes."""
    run_once_per_request = True

    def host_passes(self, host, spec):
        wanted = set((spec.get('scheduler_hints') or {}).get('same_host')
                     or ())
        if not wanted or wanted & host.instances:
            return True
        return self.reject('none of the same_host instances is here')
