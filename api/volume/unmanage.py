"""The os-unmanage actions of volumes and snapshots (admin): the object
leaves stratus, its data stays on the backend. Each is a handler the
action dispatchers call, with their signatures: (volumes, ctxt, id,
body) for volumes, (ctxt, id, body) for snapshots."""
from stratus.api import policy
from stratus.api import wsgi
from stratus.volume import manage_api
from stratus.volume import snapshot_api

MANAGE = manage_api.ManageAPI()
SNAPSHOTS = snapshot_api.SnapshotAPI()


def unmanage_volume(volumes, ctxt, volume_id, body):
    volume = volumes.get(ctxt, volume_id)
    policy.require_admin(ctxt, 'volume_extension:volume_unmanage')
    MANAGE.unmanage_volume(ctxt, volume)
    return wsgi.response(status=202)


def unmanage_snapshot(ctxt, snapshot_id, body):
    snapshot = SNAPSHOTS.get(ctxt, snapshot_id)
    policy.require_admin(ctxt, 'snapshot_extension:snapshot_unmanage')
    MANAGE.unmanage_snapshot(ctxt, snapshot)
    return wsgi.response(status=202)
