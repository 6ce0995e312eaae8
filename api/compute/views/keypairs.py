"""os-keypairs response bodies (2.1)."""
from stratus.api import timefmt


def created(row, private_key=None):
    body = {'name': row['name'], 'public_key': row['public_key'],
            'fingerprint': row['fingerprint'], 'user_id': row['user_id']}
    if private_key is not None:
        body['private_key'] = private_key
    return body


def summary(row):
    return {'keypair': {'name': row['name'], 'public_key': row['public_key'],
                        'fingerprint': row['fingerprint']}}


def detail(row):
    # Key pairs are hard-deleted; the soft-delete fields keep nova's shape.
    return {'name': row['name'], 'public_key': row['public_key'],
            'fingerprint': row['fingerprint'], 'user_id': row['user_id'],
            'id': row['id'], 'created_at': timefmt.iso_us(row['created_at']),
            'deleted': False, 'deleted_at': None, 'updated_at': None}
