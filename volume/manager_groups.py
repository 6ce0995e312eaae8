"""The volume manager's side of generic volume groups: no driver here
has group calls, so, as cinder's generic implementation does, each
member volume or snapshot goes through the ordinary create/delete flows
of the manager one by one, and the group's status says how that ended."""
from stratus.common import log
from stratus.db.api import group_snapshots as db_group_snapshots
from stratus.db.api import groups as db_groups
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volume_types
from stratus.db.api import volumes as db_volumes
from stratus.volume import host_names

LOG = log.getLogger(__name__)


def create_group(manager, ctxt, group_id):
    # Nothing exists on the backend for a generic group itself.
    db_groups.update(group_id, {'status': 'available'},
                     expected={'status': 'creating'})
    LOG.info('Group %s created on %s', group_id, manager.host)


def delete_group(manager, ctxt, group_id):
    for volume in db_groups.volumes(group_id):
        manager.delete_volume(ctxt, volume['id'])
    left = db_groups.volumes(group_id)
    if left:
        LOG.error('Group %s: volumes %s were not deleted', group_id,
                  [v['id'] for v in left])
        db_groups.update(group_id, {'status': 'error_deleting'})
        return
    db_groups.destroy(group_id)
    LOG.info('Group %s deleted', group_id)


def update_group(manager, ctxt, group_id, add_volumes, remove_volumes):
    db_groups.set_members(group_id, add_volumes or [], remove_volumes or [])
    db_groups.update(group_id, {'status': 'available'})
    LOG.info('Group %s updated: added %s, removed %s', group_id,
             add_volumes, remove_volumes)


def _request_spec(volume, backend):
    volume_type = None
    if volume['volume_type_id']:
        vtype = volume_types.type_get(volume['volume_type_id'])
        volume_type = {'id': vtype['id'], 'name': vtype['name'],
                       'extra_specs': dict(vtype['extra_specs'])}
    return {'volume_id': volume['id'], 'size': volume['size'],
            'availability_zone': volume['availability_zone'],
            'volume_type': volume_type,
            'snapshot_id': volume['snapshot_id'],
            'source_volid': volume['source_volid'], 'image_id': None,
            'resource_backend': backend, 'multiattach': False,
            'scheduler_hints': {}, 'project_id': volume['project_id'],
            'user_id': volume['user_id']}


def create_group_from_src(manager, ctxt, group_id, volume_ids):
    backend = host_names.extract(db_groups.get(group_id)['host'], 'backend')
    for volume_id in volume_ids:
        volume = db_volumes.get(volume_id)
        manager.create_volume(ctxt, volume_id,
                              _request_spec(volume, backend))
    statuses = [db_volumes.get(v, read_deleted=True)['status']
                for v in volume_ids]
    ok = all(status == 'available' for status in statuses)
    db_groups.update(group_id, {'status': 'available' if ok else 'error'})
    LOG.info('Group %s created from source: %s', group_id, statuses)


def create_group_snapshot(manager, ctxt, group_snapshot_id):
    members = db_group_snapshots.members(group_snapshot_id)
    for snapshot in members:
        manager.create_snapshot(ctxt, snapshot['volume_id'], snapshot['id'])
    ok = all(db_snapshots.get(s['id'])['status'] == 'available'
             for s in members)
    db_group_snapshots.update(group_snapshot_id,
                              {'status': 'available' if ok else 'error'})
    LOG.info('Group snapshot %s %s', group_snapshot_id,
             'created' if ok else 'failed')


def delete_group_snapshot(manager, ctxt, group_snapshot_id):
    for snapshot in db_group_snapshots.members(group_snapshot_id):
        manager.delete_snapshot(ctxt, snapshot['volume_id'], snapshot['id'])
    if db_group_snapshots.members(group_snapshot_id):
        db_group_snapshots.update(group_snapshot_id,
                                  {'status': 'error_deleting'})
        return
    db_group_snapshots.destroy(group_snapshot_id)
    LOG.info('Group snapshot %s deleted', group_snapshot_id)
