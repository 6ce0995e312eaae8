"""User message bodies (3.3)."""
from stratus.api import timefmt
from stratus.api.volume import common


def message(row):
    body = {'id': row['id'], 'event_id': row['event_id'],
            'user_message': row['user_message'],
            'message_level': row['message_level'],
            'created_at': timefmt.iso_us(row['created_at']),
            'guaranteed_until': timefmt.iso_us(row['expires_at']),
            'request_id': row['request_id'] or '',
            'links': common.links('messages', row['id'])}
    # cinder leaves out an empty resource type or uuid.
    for key in ('resource_type', 'resource_uuid'):
        if row[key]:
            body[key] = row[key]
    return body
