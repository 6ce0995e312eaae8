"""Key pairs: they belong to a user; the key_pairs quota of the user's
project bounds how many one user may hold."""
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import quotas


def _get(s, user_id, name):
    row = s.scalars(sa.select(models.KeyPair).filter_by(
        user_id=user_id, name=name)).first()
    if row is None:
        raise exception.KeypairNotFound(name=name, user_id=user_id)
    return row


def create(user_id, project_id, values):
    """Store a key pair (name, public_key, fingerprint[, type]). The quota
    check and the insert share one write transaction."""
    try:
        with session.writer() as s:
            if s.scalars(sa.select(models.KeyPair).filter_by(
                    user_id=user_id, name=values['name'])).first():
                raise exception.KeyPairExists(key_name=values['name'])
            limit = quotas.limits(s, project_id)['key_pairs']
            if limit >= 0 and quotas.key_pair_count(s, user_id) >= limit:
                raise exception.KeypairLimitExceeded()
            row = models.KeyPair(user_id=user_id, **values)
            s.add(row)
            s.flush()
            return row.to_dict()
    except sa_exc.IntegrityError:
        # A concurrent create of the same name won the race.
        raise exception.KeyPairExists(key_name=values['name'])


def get(user_id, name):
    with session.reader() as s:
        return _get(s, user_id, name).to_dict()


def list_for_user(user_id):
    with session.reader() as s:
        return [row.to_dict() for row in s.scalars(
            sa.select(models.KeyPair).filter_by(user_id=user_id).order_by(
                models.KeyPair.name, models.KeyPair.id))]


def delete(user_id, name):
    with session.writer() as s:
        s.delete(_get(s, user_id, name))
