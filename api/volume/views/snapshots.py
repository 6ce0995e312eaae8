"""Snapshot response bodies per microversion: the extended attributes
(progress, project_id) on show and detail, 3.14 group_snapshot_id, 3.41
user_id, 3.65 consumes_quota; 3.45 count in lists."""
from stratus.api import timefmt


def summary(snapshot):
    return {
        'id': snapshot['id'],
        'created_at': timefmt.iso_us(snapshot['created_at']),
        'updated_at': timefmt.iso_us(snapshot['updated_at']),
        'name': snapshot['display_name'],
        'description': snapshot['display_description'],
        'volume_id': snapshot['volume_id'],
        'status': snapshot['status'], 'size': snapshot['volume_size'],
        'metadata': dict(snapshot['metadata']),
    }


def detail(snapshot, version, extended=True):
    """`extended`: the os-extended-snapshot-attributes (show and detail
    lists; a create answer has none)."""
    body = summary(snapshot)
    if extended:
        body['os-extended-snapshot-attributes:progress'] = \
            snapshot['progress'] or '0%'
        body['os-extended-snapshot-attributes:project_id'] = \
            snapshot['project_id']
    if version >= (3, 14):
        body['group_snapshot_id'] = snapshot['group_snapshot_id']
    if version >= (3, 41):
        body['user_id'] = snapshot['user_id']
    if version >= (3, 65):
        body['consumes_quota'] = bool(snapshot['use_quota'])
    return body


def collection(items, links, count=None):
    body = {'snapshots': items}
    if links:
        body['snapshots_links'] = links
    if count is not None:
        body['count'] = count
    return body
