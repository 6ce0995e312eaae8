"""OS-OAUTH1 storage: consumers, request tokens and access tokens.

A request token lives until it is exchanged for an access token (then it
is deleted, so a verifier works once). Deleting a consumer deletes its
tokens; deleting a consumer or an access token clears the token cache so
keystone tokens issued from them stop working at once."""
import datetime
import secrets
import string
import uuid

import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import effective_roles
from stratus.db.api import tokens

# Keystone's verifier alphabet: letters and digits minus look-alikes.
VERIFIER_CHARS = ''.join(c for c in string.ascii_letters + string.digits
                         if c not in 'jiIl1oO0')
_CONSUMER_KEYS = ('id', 'description', 'secret')


def now():
    return tokens.now()


def _consumer_dict(row, with_secret=False):
    result = dict(row.extra or {})
    result.update(id=row.id, description=row.description)
    if with_secret:
        result['secret'] = row.secret
    return result


def _consumer(s, consumer_id):
    row = s.get(models.OAuth1Consumer, consumer_id)
    if row is None:
        raise exception.NotFound('Consumer not found')
    return row


def consumer_create(values):
    """values: description and other (extra) keys; returns the consumer
    with its secret, the only time it is shown."""
    extra = {k: v for k, v in values.items() if k not in _CONSUMER_KEYS}
    with session.writer() as s:
        row = models.OAuth1Consumer(
            id=uuid.uuid4().hex, description=values.get('description'),
            secret=uuid.uuid4().hex, extra=extra or None)
        s.add(row)
        s.flush()
        return _consumer_dict(row, with_secret=True)


def consumer_get(consumer_id, with_secret=False):
    with session.reader() as s:
        return _consumer_dict(_consumer(s, consumer_id), with_secret)


def consumer_list():
    with session.reader() as s:
        return [_consumer_dict(r) for r in s.scalars(
            sa.select(models.OAuth1Consumer).order_by(
                models.OAuth1Consumer.id))]


def consumer_update(consumer_id, values):
    with session.writer() as s:
        row = _consumer(s, consumer_id)
        extra = dict(row.extra or {})
        extra.update({k: v for k, v in values.items()
                      if k not in _CONSUMER_KEYS})
        if 'description' in values:
            row.description = values['description']
        row.extra = extra or None
        s.flush()
        return _consumer_dict(row)


def consumer_delete(consumer_id):
    with session.writer() as s:
        row = _consumer(s, consumer_id)
        for model in (models.OAuth1RequestToken, models.OAuth1AccessToken):
            s.execute(sa.delete(model).where(
                model.consumer_id == consumer_id))
        s.delete(row)
    tokens.invalidate_cache()


def _expiry(duration):
    if duration <= 0:
        return None
    return now() + datetime.timedelta(seconds=duration)


def request_token_create(consumer_id, project_id, duration):
    with session.writer() as s:
        row = models.OAuth1RequestToken(
            id=uuid.uuid4().hex, request_secret=uuid.uuid4().hex,
            requested_project_id=project_id, consumer_id=consumer_id,
            expires_at=_expiry(duration))
        s.add(row)
        s.flush()
        return row.to_dict()


def _request_token(s, token_id):
    row = s.get(models.OAuth1RequestToken, token_id)
    if row is None:
        raise exception.NotFound('Request token not found')
    return row


def request_token_get(token_id):
    with session.reader() as s:
        return _request_token(s, token_id).to_dict()


def request_token_authorize(token_id, user_id, role_ids):
    """Record who authorized the token with which roles; a new verifier."""
    with session.writer() as s:
        row = _request_token(s, token_id)
        row.authorizing_user_id = user_id
        row.role_ids = sorted(role_ids)
        row.verifier = ''.join(secrets.SystemRandom().sample(
            VERIFIER_CHARS, 8))
        s.flush()
        return row.to_dict()


def access_token_create(request_token_id, duration):
    """Exchange the (authorized) request token, which is deleted."""
    with session.writer() as s:
        req = _request_token(s, request_token_id)
        row = models.OAuth1AccessToken(
            id=uuid.uuid4().hex, access_secret=uuid.uuid4().hex,
            authorizing_user_id=req.authorizing_user_id,
            project_id=req.requested_project_id, role_ids=req.role_ids or [],
            consumer_id=req.consumer_id, expires_at=_expiry(duration))
        s.add(row)
        s.delete(req)
        s.flush()
        return row.to_dict()


def _access_token(s, token_id):
    row = s.get(models.OAuth1AccessToken, token_id)
    if row is None:
        raise exception.NotFound('Access token not found')
    return row


def access_token_get(token_id):
    with session.reader() as s:
        return _access_token(s, token_id).to_dict()


def access_token_list(user_id):
    with session.reader() as s:
        return [r.to_dict() for r in s.scalars(
            sa.select(models.OAuth1AccessToken).filter_by(
                authorizing_user_id=user_id).order_by(
                models.OAuth1AccessToken.id))]


def access_token_delete(user_id, token_id):
    with session.writer() as s:
        row = _access_token(s, token_id)
        if row.authorizing_user_id != user_id:
            # keystone: 'User IDs do not match', a 401 that never says so.
            raise exception.NotAuthenticated()
        s.delete(row)
    tokens.invalidate_cache()


def user_project_role_ids(user_id, project_id):
    """The roles the user holds on the project (through groups and
    implications too): what an authorizer may delegate."""
    with session.reader() as s:
        return {r['id'] for r in effective_roles.token_roles(
            s, user_id, 'project', project_id)}
