"""Migration of an attached (in-use) volume, the source backend's part
(cinder's _migrate_volume_generic with attachments): once the destination
volume exists, the compute of each server holding the volume is asked to
swap its disk onto it (nova's swap_volume: it connects the new volume,
copies the guest's data, disconnects the old, then calls the migration's
completion). The volume stays in-use and 'migrating' meanwhile."""
from stratus.common import exception
from stratus.common import log
from stratus.db.api import volume_attachments
from stratus.db import session

LOG = log.getLogger(__name__)


def attached_servers(volume_id):
    """The servers the volume is attached to (one unless multiattach)."""
    with session.reader() as s:
        rows = volume_attachments.for_volume(s, volume_id)
    return sorted({row['instance_uuid'] for row in rows
                   if row['instance_uuid']})


def request_swaps(ctxt, volume, new_volume):
    """cinder calls nova's PUT os-volume_attachments/{old} with the new
    volumeId (a privileged call) for each server. The compute API runs
    in this process instead: the same checks, action record and cast to
    the server's compute as that REST call, without an HTTP hop to
    stratus-api (both share the database and the message bus)."""
    from stratus.compute import api as compute_api
    servers = attached_servers(volume['id'])
    if not servers:
        raise exception.VolumeMigrationFailed(
            reason='volume %s has no server attachment to swap'
                   % volume['id'])
    admin = ctxt.elevated()
    compute = compute_api.ComputeAPI()
    for server_id in servers:
        instance = compute.get(admin, server_id)
        LOG.info('Asking server %s to swap volume %s for %s', server_id,
                 volume['id'], new_volume['id'])
        compute.swap_volume(admin, instance, volume, new_volume)
