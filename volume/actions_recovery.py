"""Start-up recovery of the actions a crash of the volume service cut
short (as cinder's init_host cleans them up): an upload gives the volume
back (in-use if attached, else available), a retype returns the volume to
its previous status, a migration in flight ends in migration_status
error."""
import sqlalchemy as sa

from stratus.common import log
from stratus.db.api import volumes as db_volumes
from stratus.db import models
from stratus.db import session
from stratus.volume import states

LOG = log.getLogger(__name__)
MIGRATING = ('starting', 'migrating', 'completing')


def _stuck(backend):
    with session.reader() as s:
        return s.execute(sa.select(
            models.Volume.id, models.Volume.status,
            models.Volume.previous_status, models.Volume.attach_status,
            models.Volume.migration_status).where(
            models.Volume.host.like(backend + '#%'),
            models.Volume.deleted.is_(False),
            sa.or_(models.Volume.status.in_(['uploading', 'retyping']),
                   models.Volume.migration_status.in_(MIGRATING)))).all()


def recover(backend):
    for volume_id, status, previous, attach_status, migration in \
            _stuck(backend):
        values = {}
        if status == 'uploading':
            values['status'] = states.IN_USE \
                if attach_status == states.ATTACHED else states.AVAILABLE
        elif status in ('retyping', states.MAINTENANCE):
            values['status'] = previous or states.AVAILABLE
        if migration in MIGRATING:
            values['migration_status'] = 'error'
            if status in ('retyping', states.MAINTENANCE):
                values['status'] = previous or states.AVAILABLE
        values['previous_status'] = None
        LOG.warning('Volume %s was %s (migration %s) when %s stopped: %s',
                    volume_id, status, migration, backend, values)
        db_volumes.update(volume_id, values)
