"""OS-TRUST storage: create, read, list, delete (soft, with the trusts
redelegated from it), consume a use, and the rules keystone applies to a
trust chain. A trust that is deleted, expired or out of uses is not found,
as in keystone."""
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db import models
from stratus.db import session
from stratus.db.api import effective_roles
from stratus.db.api import identity
from stratus.db.api import revoke_events
from stratus.db.api import tokens

MAX_REDELEGATION_COUNT = 3  # keystone's [trust] max_redelegation_count
_FIELDS = ('trustor_user_id', 'trustee_user_id', 'project_id',
           'impersonation', 'expires_at', 'remaining_uses',
           'redelegated_trust_id', 'redelegation_count')


def _now():
    return tokens._utcnow()


def _dict(s, row, with_roles=True):
    result = row.to_dict()
    if with_roles:
        result['roles'] = [{'id': r} for r in s.scalars(
            sa.select(models.TrustRole.role_id).where(
                models.TrustRole.trust_id == row.id).order_by(
                models.TrustRole.role_id))]
    return result


def _active(s, trust_id):
    row = s.get(models.Trust, trust_id)
    if row is None or row.deleted_at is not None or (
            row.expires_at is not None and row.expires_at < _now()) or (
            row.remaining_uses is not None and row.remaining_uses <= 0):
        raise exception.TrustNotFound(trust_id)
    return row


def trust_get(trust_id):
    """The usable trust with its roles [{id}], else TrustNotFound."""
    with session.reader() as s:
        return _dict(s, _active(s, trust_id))


def trust_list(trustor_user_id=None, trustee_user_id=None):
    """Trusts not deleted (expired ones included, as keystone lists)."""
    with session.reader() as s:
        query = sa.select(models.Trust).where(
            models.Trust.deleted_at.is_(None)).order_by(models.Trust.id)
        if trustor_user_id is not None:
            query = query.filter_by(trustor_user_id=trustor_user_id)
        if trustee_user_id is not None:
            query = query.filter_by(trustee_user_id=trustee_user_id)
        return [_dict(s, r, with_roles=False) for r in s.scalars(query)]


def pedigree(trust_id):
    """The trust and those it was redelegated from, newest first."""
    chain = [trust_get(trust_id)]
    while chain[-1].get('redelegated_trust_id'):
        chain.append(trust_get(chain[-1]['redelegated_trust_id']))
    return chain


def trustor_role_ids(user_id, project_id):
    """Every role the user effectively holds on the project (domain-specific
    ones included, as keystone checks a trust's roles)."""
    with session.reader() as s:
        return effective_roles.with_implied(s, effective_roles.
                                            granted_role_ids(
                                                s, user_id, 'project',
                                                project_id))


def _forbidden():
    return exception.IdentityForbidden()


def check_redelegation(parent, trust):
    """keystone's rules for `trust` redelegated from `parent` (its
    reasons are hidden behind the generic 403, as keystone renders them)."""
    depth = parent.get('redelegation_count') or 0
    if not 0 < depth <= MAX_REDELEGATION_COUNT:
        raise _forbidden()
    if trust.get('remaining_uses') is not None:
        raise _forbidden()
    if trust.get('expires_at'):
        if parent['expires_at'] is not None and \
                parent['expires_at'] < trust['expires_at']:
            raise _forbidden()
    else:
        trust['expires_at'] = parent['expires_at']
    parent_roles = {r['id'] for r in parent['roles']}
    if not all(r['id'] in parent_roles for r in trust['roles']):
        raise _forbidden()
    if trust['impersonation'] and not parent['impersonation']:
        raise _forbidden()


def _redelegation_count(trust, parent):
    """The trust's redelegation_count under keystone's rules."""
    requested = trust.get('redelegation_count')
    redelegatable = bool(trust.pop('allow_redelegation', False)) and \
        requested != 0
    if not redelegatable:
        trust['redelegation_count'] = requested = 0
    else:
        if requested and requested > MAX_REDELEGATION_COUNT:
            raise _forbidden()
        if trust.get('remaining_uses') is not None:
            raise exception.ValidationError(
                'remaining_uses must not be set if redelegation is allowed')
    if parent is not None:
        trust['redelegated_trust_id'] = parent['id']
        remaining = parent['redelegation_count'] - 1
        if redelegatable and requested and requested != remaining:
            raise _forbidden()
        if trust.get('redelegation_count') is None:
            trust['redelegation_count'] = remaining
        for ancestor in pedigree(parent['id']):
            check_redelegation(ancestor, trust)
    if trust.get('redelegation_count') is None:
        trust['redelegation_count'] = MAX_REDELEGATION_COUNT


def trust_create(trust, parent=None):
    """`trust`: the request's fields, roles as [{id}]; `parent`: the trust
    the caller's token came from (a redelegation)."""
    trust = dict(trust)
    _redelegation_count(trust, parent)
    extra = {k: v for k, v in trust.items()
             if k not in _FIELDS + ('roles', 'id', 'allow_redelegation',
                                    'deleted_at', 'links', 'roles_links')}
    try:
        with session.writer() as s:
            row = models.Trust(id=identity.new_id(), extra=extra or None,
                               **{k: trust.get(k) for k in _FIELDS})
            s.add(row)
            s.flush()
            for role_id in dict.fromkeys(r['id'] for r in trust['roles']):
                s.add(models.TrustRole(trust_id=row.id, role_id=role_id))
            s.flush()
            return _dict(s, row)
    except sa_exc.IntegrityError:
        raise exception.IdentityConflict(type='trust',
                                         details='Duplicate entry')


def trust_delete(trust_id):
    """Soft-delete the trust and, first, the trusts redelegated from it;
    tokens issued through them stop working at once."""
    with session.writer() as s:
        row = s.get(models.Trust, trust_id)
        if row is None or row.deleted_at is not None:
            raise exception.TrustNotFound(trust_id)
        pending, deleted = [row], []
        while pending:
            current = pending.pop()
            current.deleted_at = _now()
            deleted.append(current.id)
            pending.extend(s.scalars(sa.select(models.Trust).where(
                models.Trust.redelegated_trust_id == current.id,
                models.Trust.deleted_at.is_(None))))
        for deleted_id in deleted:
            revoke_events.record(s, trust_id=deleted_id)
    tokens.invalidate_cache()


def consume_use(trust_id):
    """One use fewer for a limited trust (a conditional update, so two
    concurrent authentications cannot both take the last use)."""
    for _attempt in range(10):
        with session.writer() as s:
            row = s.get(models.Trust, trust_id)
            if row is None or row.deleted_at is not None:
                raise exception.TrustNotFound(trust_id)
            left = row.remaining_uses
            if left is None:
                return
            if left <= 0:
                raise exception.TrustUseLimitReached(trust_id=trust_id)
            done = s.execute(sa.update(models.Trust).where(
                models.Trust.id == trust_id,
                models.Trust.remaining_uses == left).values(
                remaining_uses=left - 1)).rowcount
            if done == 1:
                return
    raise exception.StratusException('Unable to consume the trust.')

