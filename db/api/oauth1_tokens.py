"""Keystone tokens issued with the oauth1 method: the access token each
came from, read at every validation the cache misses, inside the token's
transaction, so a deleted access token or consumer stops its tokens."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models


def link(s, token_digest, access_token_id):
    s.add(models.OAuth1Token(token_digest=token_digest,
                             access_token_id=access_token_id))


def load(s, token_digest):
    """None for a token not issued from an access token; else {id,
    consumer_id, role_ids}. NotAuthenticated when the access token is
    gone or expired."""
    access_id = s.scalar(sa.select(models.OAuth1Token.access_token_id).where(
        models.OAuth1Token.token_digest == token_digest))
    if access_id is None:
        return None
    row = s.get(models.OAuth1AccessToken, access_id)
    if row is None:
        raise exception.NotAuthenticated()
    return {'id': row.id, 'consumer_id': row.consumer_id,
            'role_ids': set(row.role_ids or ())}
