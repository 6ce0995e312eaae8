"""After an in-use volume grew, the servers holding it are told (cinder's
nova.API.extend_volume: a volume-extended event per server through
os-server-external-events), so their guests see the new size. The compute
API's event handling runs in this process instead of an HTTP call to
stratus-api, as for attached migrations (volume/migrate_attached.py)."""
from stratus.common import log
from stratus.volume import migrate_attached

LOG = log.getLogger(__name__)


def volume_extended(ctxt, volume_id):
    """True when every server took the event (or none holds the volume)."""
    servers = migrate_attached.attached_servers(volume_id)
    if not servers:
        return True
    from stratus.compute import api as compute_api
    from stratus.compute import external_events
    events = [{'name': 'volume-extended', 'server_uuid': server_id,
               'tag': volume_id} for server_id in servers]
    try:
        result = external_events.accept(compute_api.ComputeAPI(),
                                        ctxt.elevated(), events)
    except Exception as exc:
        LOG.warning('Failed to notify the compute of extended volume %s: '
                    '%s', volume_id, exc)
        return False
    if result != 200:
        LOG.warning('Compute refused volume-extended events of volume %s: '
                    '%s', volume_id, events)
    return result == 200
