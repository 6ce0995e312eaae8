"""BackupAPI: the backup operations as cinder answers them when no
cinder-backup service runs (this cloud has none).

cinder accepts a create (202), then its scheduler finds no backup host:
the backup goes to error with 'Service not found for creating backup.',
the volume gets its status back, and the owner gets a user message. Here
that happens before the answer (same record, same message; the answer
itself only carries id, name and links). Every other operation that
needs a backup host refuses the way cinder's API does.
"""
from stratus.common import exception
from stratus.db.api import backups as db_backups
from stratus.db.api import volume_messages
from stratus.db.api import volume_quotas
from stratus.volume import states

BACKUP_SERVICE = 'cinder-backup'
NO_SERVICE_REASON = 'Service not found for creating backup.'
# cinder's message fields: action BACKUP_CREATE, detail
# BACKUP_SCHEDULE_ERROR, resource type VOLUME_BACKUP.
_MESSAGE_EVENT = 'VOLUME_VOLUME_BACKUP_013_024'
_MESSAGE = ('create backup:Backup failed to schedule. Service not found '
            'for creating backup.')


def _no_backup_host():
    return exception.ServiceNotFound(service_id=BACKUP_SERVICE)


class BackupAPI:
    def __init__(self, volumes, snapshots):
        self.volumes = volumes
        self.snapshots = snapshots

    def get(self, ctxt, backup_id):
        backup = db_backups.get(backup_id)
        if not ctxt.is_admin and backup['project_id'] != ctxt.project_id:
            raise exception.BackupNotFound(backup_id=backup_id)
        return backup

    def list(self, ctxt, all_tenants, **kwargs):
        project_id = None if (ctxt.is_admin and all_tenants) else \
            ctxt.project_id
        return db_backups.list_backups(project_id=project_id, **kwargs)

    def count(self, ctxt, all_tenants, filters):
        project_id = None if (ctxt.is_admin and all_tenants) else \
            ctxt.project_id
        return db_backups.count(project_id=project_id, filters=filters)

    def _check_source(self, ctxt, volume, snapshot_id, force):
        if snapshot_id:
            snapshot = self.snapshots.get(ctxt, snapshot_id)
            if snapshot['volume_id'] != volume['id']:
                raise exception.InvalidVolume(
                    reason='Volume %s does not match with snapshot.volume_id '
                           '%s.' % (volume['id'], snapshot['volume_id']))
            if snapshot['status'] != 'available':
                raise exception.InvalidSnapshot(
                    reason='Snapshot to be backed up must be available, but '
                           'the current status is "%s".'
                           % snapshot['status'])
            return snapshot
        if volume['status'] not in (states.AVAILABLE, states.IN_USE):
            raise exception.InvalidVolume(
                reason='Volume to be backed up must be available or in-use, '
                       'but the current status is "%s".' % volume['status'])
        if volume['status'] == states.IN_USE and not force:
            raise exception.InvalidVolume(
                reason='Backing up an in-use volume must use the force flag.')
        return None

    def create(self, ctxt, volume_id, name=None, description=None,
               container=None, incremental=False, availability_zone=None,
               force=False, snapshot_id=None, metadata=None):
        volume = self.volumes.get(ctxt, volume_id)
        snapshot = self._check_source(ctxt, volume, snapshot_id, force)
        reservations = volume_quotas.reserve(
            ctxt.project_id, {'backups': 1,
                              'backup_gigabytes': volume['size']})
        try:
            backup = self._record(ctxt, volume, snapshot, name, description,
                                  container, incremental, availability_zone,
                                  metadata)
        except Exception:
            volume_quotas.rollback(reservations)
            raise
        volume_quotas.commit(reservations)
        volume_messages.create(
            ctxt.project_id, backup['id'], _MESSAGE_EVENT, _MESSAGE,
            request_id=getattr(ctxt, 'request_id', None),
            resource_type='VOLUME_BACKUP')
        return backup

    @staticmethod
    def _record(ctxt, volume, snapshot, name, description, container,
                incremental, availability_zone, metadata):
        volume_id = volume['id']
        snapshot_id = snapshot['id'] if snapshot else None
        if incremental:
            # The parent must be an available backup of this volume; with
            # no backup service none ever is.
            parents = [b for b in db_backups.list_backups(
                project_id=ctxt.project_id, filters={'volume_id': volume_id})
                if b['status'] == 'available']
            if not parents:
                raise exception.InvalidBackup(
                    reason='No backups available to do an incremental '
                           'backup.')
        return db_backups.create({
            'user_id': ctxt.user_id, 'project_id': ctxt.project_id,
            'display_name': name, 'display_description': description,
            'volume_id': volume_id, 'container': container,
            'size': volume['size'], 'snapshot_id': snapshot_id,
            'data_timestamp': snapshot['created_at'] if snapshot else None,
            'availability_zone': availability_zone,
            'status': 'error', 'fail_reason': NO_SERVICE_REASON},
            metadata=metadata)

    def update(self, ctxt, backup_id, values, metadata=None):
        self.get(ctxt, backup_id)
        return db_backups.update(backup_id, values, metadata=metadata)

    def delete(self, ctxt, backup_id):
        backup = self.get(ctxt, backup_id)
        if backup['status'] not in ('available', 'error'):
            raise exception.InvalidBackup(
                reason='Backup status must be available or error')
        if db_backups.list_backups(project_id=None,
                                   filters={'parent_id': backup_id}):
            raise exception.InvalidBackup(
                reason='Incremental backups exist for this backup.')
        # cinder hands the delete to a backup host; there is none.
        raise _no_backup_host()

    def restore(self, ctxt, backup_id):
        backup = self.get(ctxt, backup_id)
        if backup['status'] != 'available':
            raise exception.InvalidBackup(
                reason='Backup status must be available')
        raise _no_backup_host()

    def export_record(self, ctxt, backup_id):
        backup = self.get(ctxt, backup_id)
        if backup['status'] != 'available':
            raise exception.InvalidBackup(
                reason='Backup status must be available and not %s.'
                       % backup['status'])
        raise _no_backup_host()

    def import_record(self, ctxt, backup_service):
        # cinder looks for a running backup host before reading the record.
        raise exception.ServiceUnavailable(
            'Service %s could not be found.' % backup_service)

    def reset_status(self, ctxt, backup_id):
        self.get(ctxt, backup_id)
        raise _no_backup_host()

    def volume_source(self, ctxt, backup_id):
        """Volume create with backup_id (3.47): the backup must be
        available, as cinder's create flow checks."""
        backup = self.get(ctxt, backup_id)
        if backup['status'] != 'available':
            raise exception.InvalidBackup(
                reason="Originating backup status must be one of "
                       "'available' values")
        raise _no_backup_host()
