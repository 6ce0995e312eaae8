"""ServerGroupAntiAffinityFilter: members of an anti-affinity group never
share a host."""
from stratus.scheduler.filters import base


class ServerGroupAntiAffinityFilter(base.HostFilter):
    """A host that already holds a member of the group is out."""

    def host_passes(self, host, spec):
        group = spec.get('instance_group')
        if not group or group['policy'] != 'anti-affinity':
            return True
        if host.host not in group['hosts']:
            return True
        return self.reject('server group %s (anti-affinity) already has a '
                           'member here', group['uuid'])
