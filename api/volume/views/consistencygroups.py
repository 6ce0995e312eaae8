"""Consistency groups and cgsnapshots as cinder's deprecated views show
the generic groups and group snapshots behind them, and the
consistencygroup_id a volume of a migrated group shows."""
from stratus.api import timefmt
from stratus.common import exception
from stratus.db.api import group_types as db_group_types
from stratus.db.api import groups as db_groups


def cg_summary(group):
    return {'id': group['id'], 'name': group['name']}


def cg_detail(group):
    return {'id': group['id'], 'status': group['status'],
            'availability_zone': group['availability_zone'],
            'created_at': timefmt.iso_us(group['created_at']),
            'name': group['name'], 'description': group['description'],
            'volume_types': list(group['volume_type_ids'])}


def cg_collection(items, links):
    body = {'consistencygroups': items}
    if links:
        body['consistencygroup_links'] = links
    return body


def cgsnapshot_summary(gsnap):
    return {'id': gsnap['id'], 'name': gsnap['name']}


def cgsnapshot_detail(gsnap):
    # A group snapshot has no consistencygroup_id of its own: its group's.
    return {'id': gsnap['id'], 'consistencygroup_id': gsnap['group_id'],
            'status': gsnap['status'],
            'created_at': timefmt.iso_us(gsnap['created_at']),
            'name': gsnap['name'], 'description': gsnap['description']}


def volume_consistencygroup_id(volume):
    """The legacy column, or the volume's group when that group is of the
    default cgsnapshot type (a CG seen through the groups tables)."""
    group_id = volume.get('group_id')
    if group_id:
        try:
            group = db_groups.get(group_id)
        except exception.GroupNotFound:
            return volume['consistencygroup_id']
        if db_group_types.is_cgsnapshot_type(group['group_type_id']):
            return group_id
    return volume['consistencygroup_id']
