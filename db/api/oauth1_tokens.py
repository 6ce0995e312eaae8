"""Keystone tokens issued with the oauth1 method: the access token each
came from, read at every validation the cache misses, inside the token's
transaction, so a deleted access token or consumer stops its tokens."""
from stratus.common import exception
from stratus.db import models


def link(s, token_digest, access_token_id):
    s.add(models.OAuth1Token(token_digest=token_digest,
                             access_token_id=access_token_id))


def load(s, access_id):
    """None for a token not issued from an access token (`access_id`
    None, its link read with the token); else {id, consumer_id,
    role_ids}. NotAuthenticated when the access token is gone or
    expired."""
    if access_id is None:
        return None
    row = s.get(models.OAuth1AccessToken, access_id)
    if row is None:
        raise exception.NotAuthenticated()
    return {'id': row.id, 'consumer_id': row.consumer_id,
            'role_ids': set(row.role_ids or ())}
