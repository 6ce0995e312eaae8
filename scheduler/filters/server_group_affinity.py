"""ServerGroupAffinityFilter: members of an affinity group share a host."""
from stratus.scheduler.filters import base


class ServerGroupAffinityFilter(base.HostFilter):
    """Once a member of the group has a host, the others must go there.
    The first member goes anywhere."""

    def host_passes(self, host, spec):
        group = spec.get('instance_group')
        if not group or group['policy'] != 'affinity' or not group['hosts']:
            return True
        if host.host in group['hosts']:
            return True
        return self.reject('server group %s (affinity) is on %s',
                           group['uuid'], ', '.join(sorted(group['hosts'])))
