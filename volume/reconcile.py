"""Start-up recovery of one backend: what a crash left half done, told
from what was still queued by the volume's worker_status (volume.worker).

A create that had started is lost (error, quota released, message); one
still queued is left to its message, which the broker delivers again. An
extend that had started ends in error_extending with a message, as a
failed one does; a revert that had started leaves the volume in error
(its data may be half copied) and the snapshot available; queued ones run
when their message comes. A delete that was running is run again
(deleting what is gone is a no-op); a snapshot being taken goes to error,
one being deleted is deleted again. A claim left by work that did finish
(the daemon died before letting go) is cleared.
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
        volumes = s.execute(sa.select(
            models.Volume.id, models.Volume.status,
            models.Volume.worker_status).where(
            models.Volume.host.like(pattern),
            models.Volume.deleted.is_(False),
            sa.or_(models.Volume.status.in_(
                [states.CREATING, states.DOWNLOADING, states.DELETING,
                 states.REVERTING, states.EXTENDING]),
                models.Volume.worker_status.is_not(None)))).all()
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
    for volume_id, status, started in volumes:
        _recover_volume(ctxt, backend, manager, volume_id, status, started)
    for snapshot_id, status, volume_id in snaps:
        if status == states.SNAP_DELETING:
            manager.delete_snapshot(ctxt, volume_id, snapshot_id)
        elif status == states.SNAP_RESTORING:
            db_snapshots.update(snapshot_id,
                                {'status': states.SNAP_AVAILABLE})
        else:
            db_snapshots.update(snapshot_id, {'status': states.SNAP_ERROR,
                                              'use_quota': False})


def _interrupted(status, started):
    # downloading is a phase of a claimed create.
    return started is not None and (status == started or (
        status == states.DOWNLOADING and started == states.CREATING))


def _recover_volume(ctxt, backend, manager, volume_id, status, started):
    if status == states.DELETING:
        LOG.warning('Volume %s was being deleted; deleting again', volume_id)
        manager.delete_volume(ctxt, volume_id)
    elif started is not None and not _interrupted(status, started):
        # The work finished (the volume is %s now) but the claim stayed.
        db_volumes.update(volume_id, {'worker_status': None},
                          expected={'worker_status': started})
    elif started is None:
        LOG.info('Volume %s is %s, its request still queued: it runs when '
                 'its message is delivered again', volume_id, status)
    elif status == states.REVERTING:
        LOG.warning('Volume %s was reverting to a snapshot when %s '
                    'stopped; error', volume_id, backend)
        db_volumes.update(volume_id, {'status': states.ERROR,
                                      'worker_status': None},
                          expected={'status': states.REVERTING})
    elif status == states.EXTENDING:
        LOG.warning('Volume %s was extending when %s stopped; '
                    'error_extending', volume_id, backend)
        volume = db_volumes.update(
            volume_id, {'status': states.ERROR_EXTENDING,
                        'worker_status': None},
            expected={'status': states.EXTENDING})
        if volume is not None:
            messages.record(ctxt, messages.EXTEND_VOLUME, volume_id,
                            exception.VolumeBackendAPIException(
                                data='the volume service restarted during '
                                     'the extend'),
                            volume['project_id'])
    else:
        LOG.warning('Volume %s was %s when %s stopped; error', volume_id,
                    status, backend)
        lost = exception.VolumeBackendAPIException(
            data='the volume service restarted during the create')
        messages.fail_create(ctxt, volume_id, lost,
                             messages.CREATE_VOLUME_FROM_BACKEND)
