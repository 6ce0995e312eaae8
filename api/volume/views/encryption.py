"""Volume type encryption bodies: the full record cinder's GET answers
(its soft-delete columns included; a live spec is never deleted)."""
from stratus.api import timefmt


def spec(row):
    return {
        'volume_type_id': row['volume_type_id'],
        'encryption_id': row['encryption_id'],
        'provider': row['provider'],
        'cipher': row['cipher'],
        'key_size': row['key_size'],
        'control_location': row['control_location'],
        'deleted': False,
        'created_at': timefmt.iso_us(row['created_at']),
        'updated_at': timefmt.iso_us(row['updated_at']),
        'deleted_at': None,
    }
