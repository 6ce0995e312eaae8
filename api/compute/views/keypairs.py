"""os-keypairs response bodies; `type` from 2.2."""
from stratus.api import timefmt


def _with_type(body, row, version):
    if version >= (2, 2):
        body['type'] = row['type']
    return body


def created(row, version, private_key=None):
    body = {'name': row['name'], 'public_key': row['public_key'],
            'fingerprint': row['fingerprint'], 'user_id': row['user_id']}
    if private_key is not None:
        body['private_key'] = private_key
    return _with_type(body, row, version)


def summary(row, version):
    return {'keypair': _with_type(
        {'name': row['name'], 'public_key': row['public_key'],
         'fingerprint': row['fingerprint']}, row, version)}


def detail(row, version):
    # Key pairs are hard-deleted; the soft-delete fields keep nova's shape.
    return _with_type(
        {'name': row['name'], 'public_key': row['public_key'],
         'fingerprint': row['fingerprint'], 'user_id': row['user_id'],
         'id': row['id'], 'created_at': timefmt.iso_us(row['created_at']),
         'deleted': False, 'deleted_at': None, 'updated_at': None},
        row, version)
