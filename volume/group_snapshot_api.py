"""Group snapshots for the REST handlers (part of GroupAPI, runs in
stratus-api): a snapshot row per member volume with cinder's checks and
the snapshots quota, then the cast to the group's backend."""
import uuid

from stratus.common import exception
from stratus.db.api import group_snapshots as db_group_snapshots
from stratus.db.api import groups as db_groups
from stratus.db.api import volume_quotas
from stratus.db.api import volume_types


def _check_snapshot_source(volume):
    """cinder's checks of each member before its snapshot row exists."""
    reason = None
    if not volume['host']:
        reason = ('The snapshot cannot be created because volume has not '
                  'been scheduled to any host.')
    elif volume['status'] == 'maintenance':
        reason = ('The snapshot cannot be created when the volume is in '
                  'maintenance mode.')
    elif volume['migration_status'] and volume['migration_status'] not in (
            'success', 'error'):
        reason = 'Snapshot cannot be created while volume is migrating.'
    elif volume['status'] == 'error':
        reason = ('The snapshot cannot be created when the volume is in '
                  'error status.')
    if reason:
        raise exception.InvalidVolume(reason=reason)


class GroupSnapshotMixin:
    def get_group_snapshot(self, ctxt, group_snapshot_id):
        snap = db_group_snapshots.get(group_snapshot_id)
        if not ctxt.is_admin and snap['project_id'] != ctxt.project_id:
            raise exception.GroupSnapshotNotFound(
                group_snapshot_id=group_snapshot_id)
        return snap

    def reset_group_snapshot_status(self, ctxt, gsnap, status):
        db_group_snapshots.update(gsnap['id'], {'status': status})

    # --- group snapshots -----------------------------------------------------
    def create_group_snapshot(self, ctxt, group, name, description):
        members = db_groups.volumes(group['id'])
        for volume in members:
            _check_snapshot_source(volume)
        gsnap_id = str(uuid.uuid4())
        snapshots = [{
            'id': str(uuid.uuid4()), 'volume_id': v['id'],
            'project_id': ctxt.project_id, 'user_id': ctxt.user_id,
            'status': 'creating', 'progress': '0%',
            'volume_size': v['size'], 'display_name': name,
            'display_description': description,
            'volume_type_id': v['volume_type_id'],
            'encryption_key_id': v['encryption_key_id']} for v in members]
        reservations = []
        for v in members:
            type_name = None
            if v['volume_type_id']:
                try:
                    type_name = volume_types.type_get(
                        v['volume_type_id'])['name']
                except exception.VolumeTypeNotFound:
                    pass
            try:
                reservations += volume_quotas.reserve(
                    ctxt.project_id, volume_quotas.deltas_for(
                        'snapshots', v['size'], type_name))
            except Exception:
                volume_quotas.rollback(reservations)
                raise
        try:
            gsnap = db_group_snapshots.create({
                'id': gsnap_id, 'group_id': group['id'],
                'project_id': ctxt.project_id, 'user_id': ctxt.user_id,
                'status': 'creating', 'name': name,
                'description': description,
                'group_type_id': group['group_type_id']}, snapshots)
        finally:
            volume_quotas.rollback(reservations)
        self.volume_rpc.create_group_snapshot(ctxt, group, gsnap)
        return gsnap

    def delete_group_snapshot(self, ctxt, gsnap):
        updated = db_group_snapshots.begin_delete(gsnap['id'])
        if updated is None:
            raise exception.InvalidGroupSnapshot(
                reason='GroupSnapshot status must be available or error, and '
                       'no Group can be currently using it as source for its '
                       'creation.')
        group = db_groups.get(gsnap['group_id'])
        self.volume_rpc.delete_group_snapshot(ctxt, group, updated)

