"""os-services response bodies of the block-storage API: the extended
services fields (disabled_reason; replication_status, active_backend_id
and frozen of volume services), cluster from 3.7 (none here),
backend_state of volume services from 3.49 (what the backend's pools
report, None when it reported none)."""
from stratus.api import service_binaries
from stratus.api import timefmt

VOLUME_BINARY = 'stratus-volume'


def service(row, version=(3, 0), backend_states=None):
    body = {
        'binary': service_binaries.to_api(service_binaries.VOLUME,
                                          row['binary']),
        'host': row['host'],
        'zone': row['availability_zone'],
        'status': 'disabled' if row['disabled'] else 'enabled',
        'state': 'up' if row['is_up'] else 'down',
        'updated_at': timefmt.iso_us(row['updated_at']),
    }
    if version >= (3, 49) and row['binary'] == VOLUME_BINARY:
        body['backend_state'] = (backend_states or {}).get(row['host'])
    if version >= (3, 7):
        body['cluster'] = None
    body['disabled_reason'] = row['disabled_reason']
    if row['binary'] == VOLUME_BINARY:
        # No backend here replicates: cinder's status for such a backend.
        body['replication_status'] = 'disabled'
        body['active_backend_id'] = None
        body['frozen'] = bool(row.get('frozen'))
    return body


def action(host, binary, service_key, disabled, reason=False):
    """enable/disable/disable-log-reason answers; `reason` False leaves
    disabled_reason out (disable's answer has none)."""
    body = {'host': host, 'service': service_key, 'binary': binary,
            'status': 'disabled' if disabled else 'enabled',
            'disabled': disabled}
    if reason is not False:
        body['disabled_reason'] = reason
    return body
