"""SnapshotAPI: snapshot operations for the REST handlers (runs in
stratus-api): state checks, quota, the row, the cast."""
import uuid

from stratus.common import exception
from stratus.common import log
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volume_quotas
from stratus.db.api import volumes as db_volumes
from stratus.db import session
from stratus.scheduler import rpcapi as scheduler_rpcapi
from stratus.volume import admin_ops
from stratus.volume import rpcapi as volume_rpcapi
from stratus.volume import states

LOG = log.getLogger(__name__)


class SnapshotAPI:
    def __init__(self):
        self.volume_rpc = volume_rpcapi.VolumeRPCClient()
        self.scheduler_rpc = scheduler_rpcapi.SchedulerRPCClient()

    def get(self, ctxt, snapshot_id):
        snapshot = db_snapshots.get(snapshot_id)
        if not ctxt.is_admin and snapshot['project_id'] != ctxt.project_id:
            raise exception.SnapshotNotFound(snapshot_id=snapshot_id)
        return snapshot

    @staticmethod
    def _check_volume(volume, allowed):
        if not volume['host']:
            raise exception.InvalidVolume(
                reason='The snapshot cannot be created because volume has '
                       'not been scheduled to any host.')
        if volume['status'] == states.MAINTENANCE:
            raise exception.InvalidVolume(
                reason='The snapshot cannot be created when the volume is in '
                       'maintenance mode.')
        if volume['migration_status']:
            raise exception.InvalidVolume(
                reason='Snapshot cannot be created while volume is '
                       'migrating.')
        if volume['status'] == states.ERROR:
            raise exception.InvalidVolume(
                reason='The snapshot cannot be created when the volume is in '
                       'error status.')
        if volume['status'] not in allowed:
            raise exception.InvalidVolume(
                reason='Volume %s status must be %s, but current status is: '
                       '%s.' % (volume['id'], ', '.join(allowed),
                                volume['status']))

    def create(self, ctxt, volume, name=None, description=None,
               metadata=None, force=False):
        """`force` (or 3.66): an in-use volume may be snapshotted."""
        admin_ops.assert_not_frozen(volume['host'])
        allowed = states.SNAPSHOT_FORCE_FROM if force else \
            states.SNAPSHOT_FROM
        self._check_volume(volume, allowed)
        type_name = (volume['volume_type'] or {}).get('name')
        reservations = volume_quotas.reserve(
            ctxt.project_id, volume_quotas.deltas_for(
                'snapshots', volume['size'], type_name))
        try:
            with session.writer() as s:
                current = db_volumes.get_in(s, volume['id'])
                if current['status'] not in allowed:
                    raise exception.InvalidVolume(
                        reason='Volume %s status must be %s , but current '
                               'status is: %s.' % (volume['id'],
                                                   ', '.join(allowed),
                                                   current['status']))
                snapshot = db_snapshots.create(s, {
                    'id': str(uuid.uuid4()), 'volume_id': volume['id'],
                    'project_id': ctxt.project_id, 'user_id': ctxt.user_id,
                    'status': states.SNAP_CREATING, 'progress': '0%',
                    'volume_size': volume['size'],
                    'display_name': name,
                    'display_description': description,
                    'volume_type_id': volume['volume_type_id'],
                    'encryption_key_id': volume['encryption_key_id']},
                    metadata)
                volume_quotas.commit(reservations, s)
        except Exception:
            volume_quotas.rollback(reservations)
            raise
        # The scheduler checks the backend has room, as cinder's does.
        self.scheduler_rpc.create_snapshot(ctxt, volume, snapshot['id'])
        LOG.info('Snapshot create request issued successfully: %s',
                 snapshot['id'])
        return snapshot

    def delete(self, ctxt, snapshot_id, force=False):
        snapshot = self.get(ctxt, snapshot_id)
        admin_ops.assert_not_frozen(
            db_volumes.get(snapshot['volume_id'])['host'])
        expected = {'group_snapshot_id': None}
        if not force:
            expected['status'] = states.SNAPSHOT_DELETE_FROM
        updated = db_snapshots.update(snapshot['id'],
                                      {'status': states.SNAP_DELETING},
                                      expected=expected)
        if updated is None:
            status = '' if force else 'status must be %s and' % \
                states.or_list(states.SNAPSHOT_DELETE_FROM)
            raise exception.InvalidSnapshot(
                reason='Snapshot %s must not be part of a group.' % status)
        volume = db_volumes.get(snapshot['volume_id'])
        self.volume_rpc.delete_snapshot(ctxt, volume, snapshot['id'])
        LOG.info('Snapshot delete request issued successfully: %s',
                 snapshot['id'])

    def update(self, ctxt, snapshot_id, values):
        snapshot = self.get(ctxt, snapshot_id)
        return db_snapshots.update(snapshot['id'], values)

    def reset_status(self, ctxt, snapshot_id, status):
        snapshot = self.get(ctxt, snapshot_id)
        db_snapshots.update(snapshot['id'], {'status': status})
