"""What a backend started, recorded on the volume row (``worker_status``,
cinder's workers table in one column).

A handler claims its volume before working on it: the claim succeeds only
while the volume is in the status the request put it in and nobody has
started on it. So a redelivered message (the daemon died before it was
acknowledged) finds the work finished, failed or started, and does
nothing; and start-up recovery tells work that was cut short (claimed)
from work still queued (not claimed), which must run when its message
comes.
"""
from stratus.common import exception
from stratus.common import log
from stratus.db.api import volumes as db_volumes

LOG = log.getLogger(__name__)


def claim(volume_id, status, backend):
    """The volume's row when this backend may start `status` work on it,
    else None (nothing to do: gone, moved on, elsewhere, or started)."""
    try:
        volume = db_volumes.get(volume_id)
    except exception.VolumeNotFound:
        LOG.info('Volume %s is gone; nothing to do', volume_id)
        return None
    if volume['status'] != status or volume['worker_status'] is not None \
            or not (volume['host'] or '').startswith(backend + '#'):
        LOG.info('Volume %s is %s (started: %s) on %s; a %s request for %s '
                 'has nothing to do (already handled)', volume_id,
                 volume['status'], volume['worker_status'], volume['host'],
                 status, backend)
        return None
    claimed = db_volumes.update(
        volume_id, {'worker_status': status},
        expected={'status': status, 'worker_status': None,
                  'host': volume['host']})
    if claimed is None:
        LOG.info('Volume %s changed before %s started; nothing to do',
                 volume_id, status)
    return claimed


def release(volume):
    """Work on `volume` (the claimed row) is over, whatever its outcome."""
    try:
        db_volumes.update(volume['id'], {'worker_status': None},
                          expected={'host': volume['host'],
                                    'worker_status': volume['worker_status']})
    except exception.VolumeNotFound:
        pass
