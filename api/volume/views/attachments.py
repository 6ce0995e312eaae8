"""Attachment bodies (3.27): summary id/status/instance/volume_id; detail
adds the times, mode and connection info."""
from stratus.api import timefmt


def summary(attachment):
    return {'id': attachment['id'], 'status': attachment['attach_status'],
            'instance': attachment['instance_uuid'],
            'volume_id': attachment['volume_id']}


def connection_info(info):
    """cinder's attachment connection info: the driver's data flattened
    into it beside driver_volume_type (a client such as nova nests it
    again). Stored, it keeps the nesting the compute side reads."""
    if not info or 'data' not in info:
        return info
    flat = dict(info['data'])
    flat.update((key, value) for key, value in info.items() if key != 'data')
    return flat


def detail(attachment):
    body = summary(attachment)
    body.update({
        'attached_at': timefmt.iso_us(attachment['attach_time']) or '',
        'detached_at': timefmt.iso_us(attachment['detach_time']) or '',
        'attach_mode': attachment['attach_mode'],
        'connection_info': connection_info(attachment['connection_info'])})
    return body
