"""os-retype, on the volume's backend (cinder's manager retype): on the
same backend the type changes in place (the backend's objects carry no
type-specific properties); on another, with migration_policy on-demand,
the volume migrates there and takes the new type when it completes."""
from stratus.common import log
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volume_quotas
from stratus.db.api import volumes as db_volumes
from stratus.db import session
from stratus.volume import host_names

LOG = log.getLogger(__name__)


def _fail(ctxt, volume, reservations, reason):
    """Back to the status it had; cinder's manager logs the refusal
    (VolumeMigrationFailed / InvalidVolume) and leaves no user message."""
    volume_quotas.rollback(reservations)
    db_volumes.update(volume['id'], {
        'status': volume['previous_status'] or 'available',
        'previous_status': None})
    LOG.error('Retype of volume %s failed: %s', volume['id'], reason)


def _retype_in_place(volume, new_type_id, pool, reservations):
    snapshots = db_snapshots.list_snapshots(
        filters={'volume_id': volume['id']})
    with session.writer() as s:
        db_volumes.update(volume['id'], {
            'volume_type_id': new_type_id, 'host': pool,
            'status': volume['previous_status'] or 'available',
            'previous_status': None}, s=s)
        # The snapshots follow the volume's type (their quota keys too).
        for snapshot in snapshots:
            db_snapshots.update(snapshot['id'],
                                {'volume_type_id': new_type_id}, s=s)
        volume_quotas.commit(reservations, s=s)
    LOG.info('Volume %s retyped in place to %s', volume['id'], new_type_id)


def retype(manager, ctxt, volume_id, new_type_id, pool, migration_policy,
           reservations):
    volume = db_volumes.get(volume_id)
    if host_names.extract(pool, 'backend') == manager.host:
        _retype_in_place(volume, new_type_id, pool, reservations)
        return
    if migration_policy == 'never':
        _fail(ctxt, volume, reservations,
              'Retype requires migration but is not allowed.')
        return
    with session.reader() as s:
        has_snapshots = db_volumes.has_snapshots(s, volume_id)
    if has_snapshots:
        _fail(ctxt, volume, reservations, 'Volume must not have snapshots.')
        return
    db_volumes.update(volume_id, {'migration_status': 'starting'})
    from stratus.volume import migrate
    migrate.migrate_volume(manager, ctxt, volume_id, pool,
                           new_type_id=new_type_id,
                           reservations=reservations)
