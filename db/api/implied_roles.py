"""Role inference rules: holders of a prior role also hold the implied
role. Keystone refuses the prohibited roles ([identity]
prohibited_implied_role, 'admin' by default) as implied roles and a
global role implying a domain-specific one; cycles are allowed (token
expansion stops where they close)."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db import models
from stratus.db import session
from stratus.db.api import assignments
from stratus.db.api import tokens


def _role(s, role_id):
    row = s.get(models.Role, role_id)
    if row is None:
        raise exception.RoleNotFound(role_id)
    return assignments.role_dict(row)


def _rule(s, prior_role_id, implied_role_id):
    row = s.get(models.ImpliedRole, (prior_role_id, implied_role_id))
    if row is None:
        raise exception.ImpliedRoleNotFound(prior_role_id=prior_role_id,
                                            implied_role_id=implied_role_id)
    return row


def rule_create(prior_role_id, implied_role_id):
    """(prior role, implied role) dicts; 409 when the rule exists."""
    with session.writer() as s:
        prior = _role(s, prior_role_id)
        implied = _role(s, implied_role_id)
        if implied['name'] in CONF.identity.prohibited_implied_role:
            raise exception.InvalidImpliedRole(role_id=implied_role_id)
        if prior['domain_id'] is None and implied['domain_id']:
            raise exception.InvalidImpliedRole(
                'Global role cannot imply a domain-specific role',
                role_id=implied_role_id)
        if s.get(models.ImpliedRole, (prior_role_id,
                                      implied_role_id)) is not None:
            raise exception.IdentityConflict(type='implied_role',
                                             details='Duplicate entry')
        s.add(models.ImpliedRole(prior_role_id=prior_role_id,
                                 implied_role_id=implied_role_id))
    tokens.invalidate_cache()
    return prior, implied


def rule_get(prior_role_id, implied_role_id):
    """(prior role, implied role) dicts of an existing rule."""
    with session.reader() as s:
        prior = _role(s, prior_role_id)
        implied = _role(s, implied_role_id)
        _rule(s, prior_role_id, implied_role_id)
        return prior, implied


def rule_delete(prior_role_id, implied_role_id):
    with session.writer() as s:
        _role(s, prior_role_id)
        _role(s, implied_role_id)
        s.delete(_rule(s, prior_role_id, implied_role_id))
    tokens.invalidate_cache()


def implied_by(prior_role_id):
    """(prior role, [roles it directly implies])."""
    with session.reader() as s:
        prior = _role(s, prior_role_id)
        ir = models.ImpliedRole
        rows = s.scalars(sa.select(models.Role).join(
            ir, ir.implied_role_id == models.Role.id).where(
            ir.prior_role_id == prior_role_id).order_by(models.Role.name))
        return prior, [assignments.role_dict(r) for r in rows]


def rule_list():
    """[(prior role, [implied roles])] of every prior role with rules."""
    with session.reader() as s:
        roles = {r.id: assignments.role_dict(r)
                 for r in s.scalars(sa.select(models.Role))}
        ir = models.ImpliedRole
        grouped = {}
        for prior_id, implied_id in s.execute(sa.select(
                ir.prior_role_id, ir.implied_role_id)):
            grouped.setdefault(prior_id, []).append(roles[implied_id])
    return [(roles[prior_id], sorted(implied, key=lambda r: r['name']))
            for prior_id, implied in sorted(
                grouped.items(), key=lambda kv: roles[kv[0]]['name'])]
