"""Start-up recovery of one backend: what a crash left half done.

A create that was running is lost (error, quota released, message); a
delete that was running is run again (deleting what is gone is a no-op);
a snapshot being taken goes to error, one being deleted is deleted again;
a revert to a snapshot that was running leaves the volume in error (its
data may be half copied) and the snapshot available.
"""
import sqlalchemy as sa

from stratus.common import exception
from stratus.common import log
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volumes as db_volumes
from stratus.db import models
from stratus.db import session
from stratus.volume import messages
from stratus.volume import states

LOG = log.getLogger(__name__)


def _stuck(backend):
    pattern = backend + '#%'
    with session.reader() as s:
        volumes = s.execute(sa.select(models.Volume.id, models.Volume.status)
                            .where(models.Volume.host.like(pattern),
                                   models.Volume.deleted.is_(False),
                                   models.Volume.status.in_(
                                       [states.CREATING, states.DOWNLOADING,
                                        states.DELETING,
                                        states.REVERTING]))).all()
        snaps = s.execute(sa.select(models.Snapshot.id,
                                    models.Snapshot.status,
                                    models.Snapshot.volume_id).join(
            models.Volume, models.Volume.id == models.Snapshot.volume_id)
            .where(models.Volume.host.like(pattern),
                   models.Snapshot.deleted.is_(False),
                   models.Snapshot.status.in_([states.SNAP_CREATING,
                                               states.SNAP_DELETING,
                                               states.SNAP_RESTORING]))).all()
    return volumes, snaps


def recover(ctxt, backend, manager):
    from stratus.volume import actions_recovery
    actions_recovery.recover(backend)       # uploads, retypes, migrations
    volumes, snaps = _stuck(backend)
    for volume_id, status in volumes:
        if status == states.DELETING:
            LOG.warning('Volume %s was being deleted; deleting again',
                        volume_id)
            manager.delete_volume(ctxt, volume_id)
        elif status == states.REVERTING:
            LOG.warning('Volume %s was reverting to a snapshot when %s '
                        'stopped; error', volume_id, backend)
            db_volumes.update(volume_id, {'status': states.ERROR},
                              expected={'status': states.REVERTING})
        else:
            LOG.warning('Volume %s was %s when %s stopped; error', volume_id,
                        status, backend)
            lost = exception.VolumeBackendAPIException(
                data='the volume service restarted during the create')
            messages.fail_create(ctxt, volume_id, lost,
                                 messages.CREATE_VOLUME_FROM_BACKEND)
    for snapshot_id, status, volume_id in snaps:
        if status == states.SNAP_DELETING:
            manager.delete_snapshot(ctxt, volume_id, snapshot_id)
        elif status == states.SNAP_RESTORING:
            db_snapshots.update(snapshot_id,
                                {'status': states.SNAP_AVAILABLE})
        else:
            db_snapshots.update(snapshot_id, {'status': states.SNAP_ERROR,
                                              'use_quota': False})
