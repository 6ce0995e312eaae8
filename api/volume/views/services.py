"""os-services response bodies of the block-storage API: cluster from
3.7 (none here), backend_state of volume services from 3.49."""
from stratus.api import timefmt


def service(row, version=(3, 0)):
    body = {
        'binary': row['binary'],
        'host': row['host'],
        'zone': row['availability_zone'],
        'status': 'disabled' if row['disabled'] else 'enabled',
        'state': 'up' if row['is_up'] else 'down',
        'updated_at': timefmt.iso_us(row['updated_at']),
        'disabled_reason': row['disabled_reason'],
    }
    if version >= (3, 7):
        body['cluster'] = None
    if version >= (3, 49) and row['binary'] == 'stratus-volume':
        body['backend_state'] = 'up' if row['is_up'] else 'down'
    return body
