"""Tokens issued through a trust: which trust, and whether it still holds
at each validation (not deleted or expired, trustor and domains enabled,
the trustor still holding every delegated role). Functions take the
token module's open session, so they run inside its transaction."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db.api import effective_roles


def link(s, token_digest, trust_id):
    s.add(models.TrustToken(token_digest=token_digest, trust_id=trust_id))


def trust_of(s, trust_id):
    """The Trust row of a token issued through one (`trust_id`, its link
    read with the token), or None."""
    return None if trust_id is None else s.get(models.Trust, trust_id)


def original_trustor(s, trust):
    """The trustor at the start of a redelegation chain."""
    seen = set()
    while trust.redelegated_trust_id and trust.id not in seen:
        seen.add(trust.id)
        parent = s.get(models.Trust, trust.redelegated_trust_id)
        if parent is None:
            break
        trust = parent
    return trust.trustor_user_id


def _enabled_user(s, user_id):
    user = s.get(models.User, user_id)
    if user is None or not user.enabled:
        return None
    domain = s.get(models.Domain, user.domain_id)
    return user if domain is not None and domain.enabled else None


def roles(s, trust, now):
    """[{id, name}] of the global roles a token through the trust carries
    (the trust's roles and those they imply); IdentityForbidden when the
    trust no longer holds, keystone's 403."""
    if trust.deleted_at is not None or (
            trust.expires_at is not None and trust.expires_at < now):
        raise exception.NotAuthenticated()
    if _enabled_user(s, trust.trustor_user_id) is None or \
            _enabled_user(s, trust.trustee_user_id) is None:
        raise exception.IdentityForbidden()
    delegated = set(s.scalars(sa.select(models.TrustRole.role_id).where(
        models.TrustRole.trust_id == trust.id)))
    wanted = effective_roles.with_implied(s, delegated)
    held = set()
    if trust.project_id is not None:
        held = effective_roles.with_implied(
            s, effective_roles.granted_role_ids(
                s, original_trustor(s, trust), 'project', trust.project_id))
    if not wanted <= held:
        raise exception.IdentityForbidden()
    if not wanted:
        return []
    rows = s.execute(sa.select(models.Role.id, models.Role.name).where(
        models.Role.id.in_(wanted),
        models.Role.domain_id == models.GLOBAL_ROLE_DOMAIN).order_by(
        models.Role.name))
    return [{'id': r.id, 'name': r.name} for r in rows]


def delete_for_user(s, user_id, now):
    """A deleted user's trusts go too, as keystone does."""
    s.execute(sa.update(models.Trust).where(
        models.Trust.deleted_at.is_(None),
        sa.or_(models.Trust.trustor_user_id == user_id,
               models.Trust.trustee_user_id == user_id)).values(
        deleted_at=now))


def delete_for_project(s, project_id, now):
    """A deleted project's trusts go too, as keystone does."""
    s.execute(sa.update(models.Trust).where(
        models.Trust.deleted_at.is_(None),
        models.Trust.project_id == project_id).values(deleted_at=now))
