"""The roles a user effectively holds on a project or domain: granted to
them or to a group they are in (or inherited from the project's domain:
see inherited_roles), plus every role those imply (followed
transitively; a cycle of implications ends where it closes). Only global
roles count: a domain-specific role only carries the roles it implies.

Functions take an open session: tokens read roles inside their own
transaction, at every validation the cache misses, so a removed grant,
membership or implication takes effect at once.
"""
import sqlalchemy as sa

from stratus.db import models
from stratus.db.api import inherited_roles


def group_ids(s, user_id):
    m = models.UserGroupMembership
    return list(s.scalars(sa.select(m.group_id).where(m.user_id == user_id)))


_GRANTED_QUERIES = {}


def _granted_query(target_type):
    """Role ids granted on a target of that type to a user (`user_id`)
    or its groups, inherited ones on a project included (`target_id`):
    one union, built once per target type, as it runs at every token
    validation."""
    query = _GRANTED_QUERIES.get(target_type)
    if query is not None:
        return query
    user_id, target_id = sa.bindparam('user_id'), sa.bindparam('target_id')
    ra = models.RoleAssignment
    gra = models.GroupRoleAssignment
    queries = [
        sa.select(ra.role_id).where(
            ra.actor_id == user_id, ra.target_type == target_type,
            ra.target_id == target_id),
        sa.select(gra.role_id).join(
            models.UserGroupMembership,
            models.UserGroupMembership.group_id == gra.group_id).where(
            models.UserGroupMembership.user_id == user_id,
            gra.target_type == target_type, gra.target_id == target_id)]
    if target_type == 'project':
        queries += inherited_roles.project_role_queries(user_id, target_id)
    query = _GRANTED_QUERIES[target_type] = sa.union(*queries)
    return query


def granted_role_ids(s, user_id, target_type, target_id):
    """Ids of the roles granted on the target to the user or its groups
    (or inherited from the project's domain)."""
    return set(s.scalars(_granted_query(target_type),
                         {'user_id': user_id, 'target_id': target_id}))


def implications(s):
    """{prior role id: [implied role ids]} of every inference rule."""
    rules = {}
    for prior, implied in s.execute(sa.select(
            models.ImpliedRole.prior_role_id,
            models.ImpliedRole.implied_role_id)):
        rules.setdefault(prior, []).append(implied)
    return rules


def with_implied(s, role_ids):
    """role_ids and every role they imply, transitively."""
    rules = implications(s)
    found = set(role_ids)
    pending = list(role_ids)
    while pending:
        for implied in rules.get(pending.pop(), ()):
            if implied not in found:
                found.add(implied)
                pending.append(implied)
    return found


def token_roles(s, user_id, target_type, target_id):
    """[{id, name}] sorted by name: the global roles a token scoped to the
    target carries."""
    ids = with_implied(s, granted_role_ids(s, user_id, target_type,
                                           target_id))
    if not ids:
        return []
    rows = s.execute(sa.select(models.Role.id, models.Role.name).where(
        models.Role.id.in_(ids),
        models.Role.domain_id == models.GLOBAL_ROLE_DOMAIN).order_by(
        models.Role.name))
    return [{'id': r.id, 'name': r.name} for r in rows]


def target_ids(s, user_id, target_type):
    """Targets of that type the user holds a grant on, directly or
    through a group."""
    ra = models.RoleAssignment
    gra = models.GroupRoleAssignment
    direct = set(s.scalars(sa.select(ra.target_id).where(
        ra.actor_id == user_id, ra.target_type == target_type)))
    groups = group_ids(s, user_id)
    if groups:
        direct |= set(s.scalars(sa.select(gra.target_id).where(
            gra.group_id.in_(groups), gra.target_type == target_type)))
    if target_type == 'project':
        direct |= inherited_roles.project_ids(s, user_id)
    return sorted(direct)
