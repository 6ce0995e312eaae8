"""After a re-image of a volume reserved for its server (a 2.93 rebuild
of a volume-backed server), the server's compute is told: cinder's
nova.API.reimage_volume, a volume-reimaged event per server of the
volume's attachments through os-server-external-events, tag the volume.
As cinder, only a successful re-image sends it (a failed one leaves the
volume in error; the compute's wait for the event runs out). The compute
API's event handling runs in this process instead of an HTTP call to
stratus-api, as for volume-extended (extend_notify.py)."""
from stratus.common import log
from stratus.db.api import volumes as db_volumes
from stratus.volume import migrate_attached
from stratus.volume import states

LOG = log.getLogger(__name__)


def volume_reimaged(ctxt, volume_id):
    """True when every server took the event (or none was to be told)."""
    if db_volumes.get(volume_id)['status'] != states.RESERVED:
        return True
    servers = migrate_attached.attached_servers(volume_id)
    if not servers:
        return True
    from stratus.compute import api as compute_api
    from stratus.compute import external_events
    events = [{'name': 'volume-reimaged', 'server_uuid': server_id,
               'tag': volume_id} for server_id in servers]
    try:
        result = external_events.accept(compute_api.ComputeAPI(),
                                        ctxt.elevated(), events)
    except Exception as exc:
        LOG.warning('Failed to notify nova on events: %s (%s)', events, exc)
        return False
    if result != 200:
        LOG.warning('Nova event: %s returned with failed status.', events)
    return result == 200
