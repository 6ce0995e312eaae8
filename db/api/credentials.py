"""Identity credentials: rows leave as dicts with the blob decrypted;
attributes keystone does not know are kept in `extra`."""
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from stratus.common import credential_crypt
from stratus.common import exception
from stratus.db import models
from stratus.db import session

_CRED = models.Credential
KNOWN = ('id', 'user_id', 'project_id', 'type', 'blob')


def _dict(row):
    result = dict(row.extra or {})
    result.update({'id': row.id, 'user_id': row.user_id,
                   'project_id': row.project_id, 'type': row.type,
                   'blob': credential_crypt.decrypt(row.encrypted_blob)})
    return result


def _row(s, credential_id):
    row = s.get(_CRED, credential_id)
    if row is None:
        raise exception.CredentialNotFound(credential_id)
    return row


def _extra(values):
    return {k: v for k, v in values.items() if k not in KNOWN} or None


def _duplicate(credential_id):
    return exception.IdentityConflict(
        type='credential',
        details='Duplicate entry found with ID %s' % credential_id)


def credential_create(values):
    """values: id, user_id, type, blob, project_id?, and extras."""
    try:
        with session.writer() as s:
            if s.get(models.User, values['user_id']) is None:
                raise exception.UserNotFound(values['user_id'])
            if s.get(_CRED, values['id']) is not None:
                raise _duplicate(values['id'])
            row = _CRED(id=values['id'], user_id=values['user_id'],
                        project_id=values.get('project_id'),
                        type=values['type'],
                        encrypted_blob=credential_crypt.encrypt(
                            values['blob']),
                        extra=_extra(values))
            s.add(row)
            s.flush()
            return _dict(row)
    except sa_exc.IntegrityError:
        raise _duplicate(values['id'])


def credential_get(credential_id):
    with session.reader() as s:
        return _dict(_row(s, credential_id))


def credential_list(user_id=None, type=None):
    with session.reader() as s:
        query = sa.select(_CRED).order_by(_CRED.user_id, _CRED.id)
        if user_id is not None:
            query = query.where(_CRED.user_id == user_id)
        if type is not None:
            query = query.where(_CRED.type == type)
        return [_dict(r) for r in s.scalars(query)]


def credential_update(credential_id, values):
    """Known attributes replace theirs; extras merge into the stored
    ones (as keystone's extra attributes do)."""
    with session.writer() as s:
        row = _row(s, credential_id)
        if 'user_id' in values and values['user_id'] != row.user_id and \
                s.get(models.User, values['user_id']) is None:
            raise exception.UserNotFound(values['user_id'])
        for key in ('user_id', 'project_id', 'type'):
            if key in values:
                setattr(row, key, values[key])
        if 'blob' in values:
            row.encrypted_blob = credential_crypt.encrypt(values['blob'])
        extra = _extra(values)
        if extra:
            row.extra = dict(row.extra or {}, **extra)
        s.flush()
        return _dict(row)


def credential_delete(credential_id):
    with session.writer() as s:
        s.delete(_row(s, credential_id))
