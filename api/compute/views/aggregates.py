"""os-aggregates response bodies: uuid from 2.41; create shows neither
hosts nor metadata (nova's shape)."""
from stratus.api import timefmt


def aggregate(row, version, created=False):
    body = {
        'availability_zone': row['availability_zone'],
        'created_at': timefmt.iso_us(row['created_at']),
        'deleted': False, 'deleted_at': None,
        'hosts': row['hosts'], 'id': row['id'],
        'metadata': row['metadata'], 'name': row['name'],
        'updated_at': timefmt.iso_us(row['updated_at']),
    }
    if version >= (2, 41):
        body['uuid'] = row['uuid']
    if created:
        del body['hosts'], body['metadata']
    return body
