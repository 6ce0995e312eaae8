"""os-services response bodies (2.1)."""
from stratus.api import timefmt


def service(row):
    return {
        'id': row['id'],
        'binary': row['binary'],
        'host': row['host'],
        'zone': row['availability_zone'],
        'status': 'disabled' if row['disabled'] else 'enabled',
        'state': 'up' if row['is_up'] else 'down',
        'updated_at': timefmt.iso_us(row['updated_at']),
        'disabled_reason': row['disabled_reason'],
    }
