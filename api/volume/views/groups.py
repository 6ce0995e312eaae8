"""Group type, group and group snapshot bodies per microversion: groups
3.14 group_snapshot_id/source_group_id, 3.25 volumes (?list_volume=True),
3.38 replication_status; 3.58 project_id of groups and group snapshots
for admins; group specs only for admins."""
from stratus.api import timefmt


def group_type(gtype, is_admin):
    body = {'id': gtype['id'], 'name': gtype['name'],
            'description': gtype['description'],
            'is_public': bool(gtype['is_public'])}
    if is_admin:
        body['group_specs'] = dict(gtype['group_specs'])
    return body


def group_summary(group):
    return {'id': group['id'], 'name': group['name']}


def group_detail(group, version, is_admin, volume_ids=None):
    """`volume_ids`: the members, shown when the caller asked for them
    (3.25 list_volume)."""
    body = {'id': group['id'], 'status': group['status'],
            'availability_zone': group['availability_zone'],
            'created_at': timefmt.iso_us(group['created_at']),
            'name': group['name'], 'description': group['description'],
            'group_type': group['group_type_id'],
            'volume_types': list(group['volume_type_ids'])}
    if version >= (3, 14):
        body['group_snapshot_id'] = group['group_snapshot_id']
        body['source_group_id'] = group['source_group_id']
    if version >= (3, 25) and volume_ids is not None:
        body['volumes'] = volume_ids
    if version >= (3, 38):
        body['replication_status'] = group['replication_status']
    if version >= (3, 58) and is_admin:
        body['project_id'] = group['project_id']
    return body


def group_snapshot_summary(gsnap, with_type=True):
    body = {'id': gsnap['id'], 'name': gsnap['name']}
    if with_type:
        # Create answers it (for migrating CGs); the list does not.
        body['group_type_id'] = gsnap['group_type_id']
    return body


def group_snapshot_detail(gsnap, version, is_admin):
    body = {'id': gsnap['id'], 'group_id': gsnap['group_id'],
            'group_type_id': gsnap['group_type_id'],
            'status': gsnap['status'],
            'created_at': timefmt.iso_us(gsnap['created_at']),
            'name': gsnap['name'], 'description': gsnap['description']}
    if version >= (3, 58) and is_admin:
        body['project_id'] = gsnap['project_id']
    return body
