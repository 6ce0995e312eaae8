"""Backup response bodies: the summary (id, name, links) create, update
and list answer; the detail show and list/detail answer, with 3.43
metadata and, for admins, 3.18 project id and 3.56 user id."""
from stratus.api import timefmt
from stratus.api.volume import common


def summary(backup):
    return {'id': backup['id'], 'name': backup['display_name'],
            'links': common.links('backups', backup['id'])}


def detail(backup, version, is_admin):
    body = {
        'id': backup['id'], 'status': backup['status'],
        'size': backup['size'], 'object_count': backup['object_count'],
        'availability_zone': backup['availability_zone'],
        'container': backup['container'],
        'created_at': timefmt.iso_us(backup['created_at']),
        'updated_at': timefmt.iso_us(backup['updated_at']),
        'name': backup['display_name'],
        'description': backup['display_description'],
        'fail_reason': backup['fail_reason'],
        'volume_id': backup['volume_id'],
        'links': common.links('backups', backup['id']),
        'is_incremental': backup['parent_id'] is not None,
        'has_dependent_backups': backup['num_dependent_backups'] > 0,
        'snapshot_id': backup['snapshot_id'],
        'data_timestamp': timefmt.iso_us(backup['data_timestamp']),
    }
    if version >= (3, 43):
        body['metadata'] = dict(backup['metadata'])
    if is_admin and version >= (3, 18):
        body['os-backup-project-attr:project_id'] = backup['project_id']
    if is_admin and version >= (3, 56):
        body['user_id'] = backup['user_id']
    return body


def collection(items, links, count=None):
    body = {'backups': items}
    if links:
        body['backups_links'] = links
    if count is not None:
        body['count'] = count
    return body
