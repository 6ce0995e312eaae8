"""os-services response bodies: forced_down from 2.11, the uuid as id from
2.53."""
from stratus.api import service_binaries
from stratus.api import timefmt


def service(row, version):
    body = {
        'id': row['uuid'] if version >= (2, 53) else row['id'],
        'binary': service_binaries.to_api(service_binaries.COMPUTE,
                                          row['binary']),
        'host': row['host'],
        'zone': row['availability_zone'],
        'status': 'disabled' if row['disabled'] else 'enabled',
        'state': 'up' if row['is_up'] else 'down',
        'updated_at': timefmt.iso_us(row['updated_at']),
        'disabled_reason': row['disabled_reason'],
    }
    if version >= (2, 11):
        body['forced_down'] = row['forced_down']
    return body
