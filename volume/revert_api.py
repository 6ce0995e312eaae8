"""Reverting a volume to its latest snapshot (3.40), API side: cinder's
checks (the latest snapshot, the same size, both available), both rows
moved to reverting/restoring, the cast."""
from stratus.common import exception
from stratus.common import log
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volumes as db_volumes
from stratus.volume import states

LOG = log.getLogger(__name__)


def _refused(kind, volume_id, snapshot_id, what):
    reason = ("Can't revert volume %s to its latest snapshot %s. %s's "
              "status must be 'available'." % (volume_id, snapshot_id, what))
    return exception.Conflict(str(kind(reason=reason)))


def revert(volume_rpc, ctxt, volume, snapshot_id):
    snapshots = db_snapshots.for_volume(volume['id'])
    if not snapshots:
        raise exception.Invalid("Volume %s doesn't have any snapshots."
                                % volume['id'])
    latest = snapshots[-1]
    if snapshot_id is None or snapshot_id != latest['id']:
        raise exception.Invalid(
            'Specified snapshot %s is None or not the latest one of volume '
            '%s.' % (snapshot_id, volume['id']))
    if volume['size'] != latest['volume_size']:
        raise exception.Invalid(
            "Can't revert volume %s to its latest snapshot %s. The volume "
            "size must be equal to the snapshot size." % (volume['id'],
                                                          snapshot_id))
    if db_volumes.update(volume['id'], {'status': states.REVERTING},
                         expected={'status': states.AVAILABLE}) is None:
        raise _refused(exception.InvalidVolume, volume['id'], snapshot_id,
                       "Volume")
    if db_snapshots.update(latest['id'], {'status': states.SNAP_RESTORING},
                           expected={'status': states.SNAP_AVAILABLE}) \
            is None:
        # cinder leaves the volume reverting here; nothing may stay stuck.
        db_volumes.update(volume['id'], {'status': states.AVAILABLE},
                          expected={'status': states.REVERTING})
        raise _refused(exception.InvalidSnapshot, volume['id'], snapshot_id,
                       "Snapshot")
    LOG.info('Reverting volume %s to snapshot %s.', volume['id'],
             snapshot_id)
    volume_rpc.revert_to_snapshot(ctxt, volume, latest)
