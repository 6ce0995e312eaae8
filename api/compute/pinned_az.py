"""2.104: PUT /servers/{id} unpins (null) or re-pins a server's
availability zone. A server may only be pinned to the zone it is in, and a
pinned zone is never swapped for another in one step (nova's checks)."""
from stratus.common import exception
from stratus.common.conf import CONF

KEY = 'pinned_availability_zone'


def _current_zone(instance):
    """nova's get_instance_availability_zone: the zone of the server's
    host, or the zone recorded on the server while it has none."""
    if not instance.get('host'):
        return instance['availability_zone']
    from stratus.db.api import aggregates
    return aggregates.host_zone(instance['host']) or \
        CONF.default_availability_zone


def system_metadata(instance, requested):
    """The system metadata after the request, or None when unchanged."""
    metadata = dict(instance['system_metadata'] or {})
    pinned = metadata.get(KEY)
    if requested is None:
        if pinned is None:
            return None
        metadata.pop(KEY)
        return metadata
    if pinned is not None:
        if requested != pinned:
            raise exception.Conflict(
                'Cannot change pinned availability zone directly. Unpin '
                'first by setting pinned_availability_zone to null.')
        return None
    current = _current_zone(instance)
    if requested != current:
        raise exception.Conflict(
            "Server can only be pinned to its current availability zone "
            "'%s', but '%s' was requested." % (current, requested))
    metadata[KEY] = requested
    return metadata
