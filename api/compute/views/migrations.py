"""os-migrations response bodies: migration_type (and links to a live
migration in progress) from 2.23, uuid from 2.59, user_id and project_id
from 2.80."""
from stratus.api import timefmt

# Live migrations in these statuses can be reached under their server.
LIVE_IN_PROGRESS = ('queued', 'preparing', 'running', 'post-migrating')


def _links(base, row):
    path = 'servers/%s/migrations/%s' % (row['instance_uuid'], row['id'])
    return [{'rel': 'self', 'href': '%s/compute/v2.1/%s' % (base, path)},
            {'rel': 'bookmark', 'href': '%s/compute/%s' % (base, path)}]


def migration(row, version, base):
    body = {
        'id': row['id'],
        'instance_uuid': row['instance_uuid'],
        'source_compute': row['source_compute'],
        'dest_compute': row['dest_compute'],
        'source_node': row['source_node'],
        'dest_node': row['dest_node'],
        # nova-network's destination address: never set without it.
        'dest_host': None,
        'old_instance_type_id': row['old_instance_type_id'],
        'new_instance_type_id': row['new_instance_type_id'],
        'status': row['status'],
        'created_at': timefmt.iso_us(row['created_at']),
        'updated_at': timefmt.iso_us(row['updated_at']),
    }
    if version >= (2, 23):
        body['migration_type'] = row['migration_type']
        if row['migration_type'] == 'live-migration' and \
                row['status'] in LIVE_IN_PROGRESS:
            body['links'] = _links(base, row)
    if version >= (2, 59):
        body['uuid'] = row['uuid']
    if version >= (2, 80):
        body['user_id'] = row['user_id']
        body['project_id'] = row['project_id']
    return body
