"""Roles of users and groups on the system: /v3/system/{users|groups}/...

They are stored as grants on target_type 'system', target id 'all', in the
same tables as project and domain grants, so deleting a role, user or
group drops them too, and effective_roles reads them like any target.
"""
import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import assignments
from stratus.db.api import effective_roles
from stratus.db.api import tokens

TARGET_TYPE = 'system'
TARGET_ID = 'all'
# The target keystone names in its "role assignment not found" message.
_MESSAGE_TARGET = 'system'


def _table(actor_type):
    return assignments.ACTORS[actor_type][2:]


def _check_role(s, role_id):
    row = s.get(models.Role, role_id)
    if row is None:
        raise exception.RoleNotFound(role_id)
    return assignments.role_dict(row)


def _check_actor(s, actor_type, actor_id):
    model, missing = assignments.ACTORS[actor_type][:2]
    if s.get(model, actor_id) is None:
        raise missing(actor_id)


def _row(s, actor_type, actor_id, role_id):
    table = _table(actor_type)[0]
    return s.get(table, (actor_id, TARGET_TYPE, TARGET_ID, role_id))


def _not_found(actor_id, role_id):
    return exception.RoleAssignmentNotFound(
        role_id=role_id, actor_id=actor_id, target_id=_MESSAGE_TARGET)


def grant_create(actor_type, actor_id, role_id):
    """Idempotent; a domain-specific role cannot be a system role (400)."""
    with session.writer() as s:
        role = _check_role(s, role_id)
        _check_actor(s, actor_type, actor_id)
        if role['domain_id']:
            raise exception.ValidationError(
                'Role %s is a domain-specific role. Unable to use a '
                'domain-specific role in a system assignment.' % role_id)
        if _row(s, actor_type, actor_id, role_id) is None:
            table, column = _table(actor_type)
            s.add(table(**{column: actor_id, 'target_type': TARGET_TYPE,
                           'target_id': TARGET_ID, 'role_id': role_id}))
    tokens.invalidate_cache()


def grant_check(actor_type, actor_id, role_id):
    with session.reader() as s:
        _check_role(s, role_id)
        _check_actor(s, actor_type, actor_id)
        if _row(s, actor_type, actor_id, role_id) is None:
            raise _not_found(actor_id, role_id)


def grant_delete(actor_type, actor_id, role_id):
    """Keystone lets the revoke through for an actor that is gone: the
    answer is then the missing assignment's 404."""
    with session.writer() as s:
        _check_role(s, role_id)
        row = _row(s, actor_type, actor_id, role_id)
        if row is None:
            raise _not_found(actor_id, role_id)
        s.delete(row)
    tokens.invalidate_cache()


def grant_list(actor_type, actor_id):
    """The roles the actor holds on the system, by name."""
    with session.reader() as s:
        _check_actor(s, actor_type, actor_id)
        table, column = _table(actor_type)
        query = sa.select(models.Role).join(
            table, table.role_id == models.Role.id).where(
            getattr(table, column) == actor_id,
            table.target_type == TARGET_TYPE,
            table.target_id == TARGET_ID).order_by(models.Role.name)
        return [assignments.role_dict(r) for r in s.scalars(query)]


def user_has_direct_grant(user_id):
    """Whether the user itself (not through a group) holds a system role:
    what GET /v3/auth/system reports for a non-federated token."""
    ra = models.RoleAssignment
    with session.reader() as s:
        return s.scalars(sa.select(ra.role_id).where(
            ra.actor_id == user_id, ra.target_type == TARGET_TYPE,
            ra.target_id == TARGET_ID).limit(1)).first() is not None


def token_roles(user_id):
    """The roles a system-scoped token of the user would carry."""
    with session.reader() as s:
        return effective_roles.token_roles(s, user_id, TARGET_TYPE,
                                           TARGET_ID)
