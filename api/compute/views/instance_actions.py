"""os-instance-actions response bodies: updated_at from 2.58; events get
hostId (and host, for admins) from 2.62 and details (admins) from 2.84."""
import hashlib

from stratus.api import timefmt


def host_id(host, project_id):
    """nova's hostId: the host hashed with the project, '' without one."""
    if not host:
        return ''
    return hashlib.sha224((project_id + host).encode()).hexdigest()


def action(row, version):
    body = {'action': row['action'], 'instance_uuid': row['instance_uuid'],
            'request_id': row['request_id'], 'user_id': row['user_id'],
            'project_id': row['project_id'],
            'start_time': timefmt.iso_us(row['start_time']),
            'message': row['message']}
    if version >= (2, 58):
        body['updated_at'] = timefmt.iso_us(row['updated_at'])
    return body


def event(row, version, project_id, is_admin):
    """Admins see the traceback (and from 2.62 the host, from 2.84 the
    details); everyone sees hostId from 2.62."""
    body = {'event': row['event'],
            'start_time': timefmt.iso_us(row['start_time']),
            'finish_time': timefmt.iso_us(row['finish_time']),
            'result': row['result']}
    if is_admin:
        body['traceback'] = row['traceback']
    if version >= (2, 62):
        if is_admin:
            body['host'] = row['host']
        body['hostId'] = host_id(row['host'], project_id)
    if version >= (2, 84) and is_admin:
        body['details'] = row['details']
    return body


def action_with_events(row, version, is_admin, server_project_id):
    """Before 2.51 only admins (who may see events) get the events key;
    from 2.51 everyone who sees the action does, without tracebacks."""
    body = action(row, version)
    if is_admin or version >= (2, 51):
        # Actions of periodic work have no project: hash with the server's.
        project_id = row['project_id'] or server_project_id
        body['events'] = [event(e, version, project_id, is_admin)
                          for e in row['events']]
    return body
