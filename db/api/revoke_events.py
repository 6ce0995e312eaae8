"""OS-REVOKE: the revocation events keystone records when it revokes
tokens (one token by audit id, or all of a user, project, domain or
trust). stratus marks its tokens revoked directly; the events are kept so
that GET /v3/OS-REVOKE/events shows what keystone would."""
import datetime

import sqlalchemy as sa

from stratus.common.conf import CONF
from stratus.db import models
from stratus.db import session

EXPIRATION_BUFFER = 1800  # keystone's [revoke] expiration_buffer
_KEYS = ('user_id', 'project_id', 'domain_id', 'role_id', 'trust_id',
         'audit_id', 'audit_chain_id', 'expires_at')


def record(s, **fields):
    """Add an event in the open session (fields: _KEYS); events older
    than any token they could concern are dropped, as keystone prunes."""
    now = models.utcnow().replace(microsecond=0)
    oldest = now - datetime.timedelta(
        seconds=CONF.identity.token_expiration + EXPIRATION_BUFFER)
    s.execute(sa.delete(models.RevocationEvent).where(
        models.RevocationEvent.revoked_at < oldest))
    s.add(models.RevocationEvent(issued_before=now, revoked_at=now,
                                 **{k: fields.get(k) for k in _KEYS}))


def add(**fields):
    with session.writer() as s:
        record(s, **fields)


def event_list(since=None):
    """Events revoked after `since` (naive UTC), oldest first."""
    with session.reader() as s:
        query = sa.select(models.RevocationEvent).order_by(
            models.RevocationEvent.id)
        if since is not None:
            query = query.where(models.RevocationEvent.revoked_at > since)
        return [r.to_dict() for r in s.scalars(query)]
