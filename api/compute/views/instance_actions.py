"""os-instance-actions response bodies (2.1)."""
from stratus.api import timefmt


def action(row):
    return {'action': row['action'], 'instance_uuid': row['instance_uuid'],
            'request_id': row['request_id'], 'user_id': row['user_id'],
            'project_id': row['project_id'],
            'start_time': timefmt.iso_us(row['start_time']),
            'message': row['message']}


def event(row):
    return {'event': row['event'],
            'start_time': timefmt.iso_us(row['start_time']),
            'finish_time': timefmt.iso_us(row['finish_time']),
            'result': row['result'], 'traceback': row['traceback']}


def action_with_events(row, show_events):
    """Before 2.51 only those allowed to see events (admins) get the
    events key, traceback included; others get the action alone."""
    body = action(row)
    if show_events:
        body['events'] = [event(e) for e in row['events']]
    return body
