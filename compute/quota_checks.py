"""The quota checks nova runs outside creating servers: a resize's
upsize (cores, ram) and a server's metadata item count (403 either way).
"""
from stratus.common import exception
from stratus.db.api import quotas


def check_metadata(ctxt, metadata):
    """`metadata` is the server's whole metadata after the change."""
    if not metadata:
        return
    allowed = quotas.get(ctxt.project_id)[0]['metadata_items']
    if 0 <= allowed < len(metadata):
        raise exception.MetadataLimitExceeded(allowed=allowed)


def upsize_deltas(old_flavor, new_flavor):
    """What a resize adds (only growth counts, as nova's delta)."""
    deltas = {}
    for resource, key in (('cores', 'vcpus'), ('ram', 'memory_mb')):
        grow = new_flavor[key] - old_flavor[key]
        if grow > 0:
            deltas[resource] = grow
    return deltas


def check_upsize(ctxt, project_id, old_flavor, new_flavor):
    deltas = upsize_deltas(old_flavor, new_flavor)
    if not deltas:
        return
    allowed, used = quotas.get(project_id)
    overs = [r for r in sorted(deltas) if allowed[r] >= 0 and
             used.get(r, 0) + deltas[r] > allowed[r]]
    if overs:
        raise exception.QuotaExceeded(
            overs=', '.join(overs),
            req=', '.join(str(deltas[r]) for r in overs),
            used=', '.join(str(used.get(r, 0)) for r in overs),
            allowed=', '.join(str(allowed[r]) for r in overs))
