"""Attachment bodies (3.27): summary id/status/instance/volume_id; detail
adds the times, mode and connection info."""
from stratus.api import timefmt


def summary(attachment):
    return {'id': attachment['id'], 'status': attachment['attach_status'],
            'instance': attachment['instance_uuid'],
            'volume_id': attachment['volume_id']}


def detail(attachment):
    body = summary(attachment)
    body.update({
        'attached_at': timefmt.iso_us(attachment['attach_time']) or '',
        'detached_at': timefmt.iso_us(attachment['detach_time']) or '',
        'attach_mode': attachment['attach_mode'],
        'connection_info': attachment['connection_info']})
    return body
