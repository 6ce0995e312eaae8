"""Inherited grants (OS-INHERIT) of a role to a user or a group on a
domain or a project: create (idempotent), check, revoke, list. They live
apart from the direct grants (db/api/assignments): the same role may be
granted both ways."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import assignments
from stratus.db.api import tokens

TABLES = {'user': (models.InheritedRoleAssignment, 'actor_id'),
          'group': (models.InheritedGroupRoleAssignment, 'group_id')}


def _check_parties(s, actor_type, actor_id, target_type, target_id,
                   role_id=None):
    """404 for a missing role, actor or target (keystone's order)."""
    role = None
    if role_id is not None:
        role = s.get(models.Role, role_id)
        if role is None:
            raise exception.RoleNotFound(role_id)
    actor_model, actor_missing = assignments.ACTORS[actor_type][:2]
    if s.get(actor_model, actor_id) is None:
        raise actor_missing(actor_id)
    model, not_found = assignments.TARGETS[target_type]
    target = s.get(model, target_id)
    if target is None:
        raise not_found(target_id)
    return role, target


def _row(s, actor_type, actor_id, target_type, target_id, role_id):
    table = TABLES[actor_type][0]
    return s.get(table, (actor_id, target_type, target_id, role_id))


def grant_create(actor_type, actor_id, target_type, target_id, role_id):
    with session.writer() as s:
        role, target = _check_parties(s, actor_type, actor_id, target_type,
                                      target_id, role_id)
        if target_type == 'project' and \
                role.domain_id != models.GLOBAL_ROLE_DOMAIN and \
                role.domain_id != target.domain_id:
            raise exception.DomainSpecificRoleMismatch(
                role_id=role_id, project_id=target_id)
        if _row(s, actor_type, actor_id, target_type, target_id,
                role_id) is None:
            table, column = TABLES[actor_type]
            s.add(table(**{column: actor_id, 'target_type': target_type,
                           'target_id': target_id, 'role_id': role_id}))
    tokens.invalidate_cache()


def grant_check(actor_type, actor_id, target_type, target_id, role_id):
    with session.reader() as s:
        _check_parties(s, actor_type, actor_id, target_type, target_id,
                       role_id)
        if _row(s, actor_type, actor_id, target_type, target_id,
                role_id) is None:
            raise exception.RoleAssignmentNotFound(
                role_id=role_id, actor_id=actor_id, target_id=target_id)


def grant_delete(actor_type, actor_id, target_type, target_id, role_id):
    with session.writer() as s:
        _check_parties(s, actor_type, actor_id, target_type, target_id,
                       role_id)
        row = _row(s, actor_type, actor_id, target_type, target_id, role_id)
        if row is None:
            raise exception.RoleAssignmentNotFound(
                role_id=role_id, actor_id=actor_id, target_id=target_id)
        s.delete(row)
    tokens.invalidate_cache()


def grant_list(actor_type, actor_id, target_type, target_id):
    """The roles the actor holds on the target, inherited to projects."""
    with session.reader() as s:
        _check_parties(s, actor_type, actor_id, target_type, target_id)
        table, column = TABLES[actor_type]
        query = sa.select(models.Role).join(
            table, table.role_id == models.Role.id).where(
            getattr(table, column) == actor_id,
            table.target_type == target_type,
            table.target_id == target_id).order_by(models.Role.name)
        return [assignments.role_dict(r) for r in s.scalars(query)]
