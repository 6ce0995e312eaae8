"""/v3/OS-REVOKE/events (admin or service, keystone's default policy):
the revocation events recorded since `since`, in keystone's body."""
import datetime

import pecan

from stratus.api import timefmt
from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.common import exception
from stratus.db.api import revoke_events

_PLAIN = ('user_id', 'role_id', 'domain_id', 'project_id', 'audit_id',
          'audit_chain_id')


def parse_since(value):
    """Naive UTC of an ISO 8601 time; keystone's 400 otherwise."""
    try:
        when = datetime.datetime.fromisoformat(
            value[:-1] + '+00:00' if value.endswith('Z') else value)
    except ValueError:
        raise exception.ValidationError('invalidate date format %s' % value)
    if when.tzinfo is not None:
        when = when.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return when


def event(row):
    """Only the fields an event sets, as keystone renders them."""
    body = {k: row[k] for k in _PLAIN if row[k] is not None}
    if row['trust_id'] is not None:
        body['OS-TRUST:trust_id'] = row['trust_id']
    if row['expires_at'] is not None:
        body['expires_at'] = timefmt.iso_z(row['expires_at'])
    body['issued_before'] = timefmt.iso_us_z(row['issued_before'])
    body['revoked_at'] = timefmt.iso_us_z(row['revoked_at'])
    return body


class EventsController:

    @pecan.expose()
    def index(self, **kwargs):
        common.require_method('GET', 'HEAD')
        ctxt = authz.authenticated()
        if not (ctxt.is_admin or 'service' in (ctxt.roles or ())):
            raise exception.ForbiddenAction(
                action='identity:list_revoke_events')
        since = wsgi.query_value(kwargs, 'since')
        rows = revoke_events.event_list(parse_since(since) if since
                                        else None)
        return wsgi.response({
            'events': [event(r) for r in rows],
            'links': {'next': None, 'previous': None,
                      'self': common.base_url() + '/OS-REVOKE/events'}})


class RevokeRoot:
    events = EventsController()
