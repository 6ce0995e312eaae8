"""Roles (global, or specific to a domain) and grants of a role to a user
or a group on a project or a domain. Tokens read the grants at every
validation (effective_roles), so a removed grant takes effect without
revoking anything."""
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import application_credentials
from stratus.db.api import effective_roles
from stratus.db.api import identity
from stratus.db.api import tokens

TARGETS = {'project': (models.Project, exception.ProjectNotFound),
           'domain': (models.Domain, exception.DomainNotFound)}


# --- roles -------------------------------------------------------------------

def role_dict(row):
    """A role row as a dict; global roles have domain_id None."""
    result = row.to_dict()
    if result['domain_id'] == models.GLOBAL_ROLE_DOMAIN:
        result['domain_id'] = None
    return result


def _role(s, role_id):
    row = s.get(models.Role, role_id)
    if row is None:
        raise exception.RoleNotFound(role_id)
    return row


def _duplicate_role(name, domain_id):
    details = 'Duplicate entry found with name %s' % name
    if domain_id:
        details += ' at domain ID %s' % domain_id
    return exception.IdentityConflict(type='role', details=details)


def _check_role_name(s, name, domain_id, role_id=None):
    row = s.scalars(sa.select(models.Role).filter_by(
        name=name, domain_id=domain_id or models.GLOBAL_ROLE_DOMAIN)).first()
    if row is not None and row.id != role_id:
        raise _duplicate_role(name, domain_id)


def role_create(values):
    """A global role, or a domain-specific one when values has domain_id
    (names are unique within the domain, or among global roles)."""
    domain_id = values.get('domain_id') or None
    try:
        with session.writer() as s:
            _check_role_name(s, values['name'], domain_id)
            row = models.Role(
                id=values.get('id') or identity.new_id(),
                name=values['name'], description=values.get('description'),
                domain_id=domain_id or models.GLOBAL_ROLE_DOMAIN)
            s.add(row)
            s.flush()
            return role_dict(row)
    except sa_exc.IntegrityError:
        raise _duplicate_role(values['name'], domain_id)


def role_get(role_id):
    with session.reader() as s:
        return role_dict(_role(s, role_id))


def role_list(name=None, domain_id=None, ids=None):
    """Global roles, or the roles of one domain when domain_id is given."""
    with session.reader() as s:
        query = sa.select(models.Role).filter_by(
            domain_id=domain_id or models.GLOBAL_ROLE_DOMAIN).order_by(
            models.Role.name)
        if ids is not None:
            query = sa.select(models.Role).where(
                models.Role.id.in_(ids)).order_by(models.Role.name)
        if name is not None:
            query = query.filter_by(name=name)
        return [role_dict(r) for r in s.scalars(query)]


def role_update(role_id, values):
    with session.writer() as s:
        row = _role(s, role_id)
        current = role_dict(row)
        if 'domain_id' in values and \
                values['domain_id'] != current['domain_id']:
            raise exception.ValidationError(
                'Update of `domain_id` is not allowed.')
        if values.get('name') not in (None, row.name):
            _check_role_name(s, values['name'], current['domain_id'],
                             role_id)
        for key in ('name', 'description'):
            if key in values:
                setattr(row, key, values[key])
        s.flush()
        result = role_dict(row)
    tokens.invalidate_cache()
    return result


def role_delete(role_id):
    with session.writer() as s:
        row = _role(s, role_id)
        application_credentials.purge_for_role(s, role_id)
        s.execute(sa.delete(models.RoleAssignment).filter_by(role_id=role_id))
        s.execute(sa.delete(models.GroupRoleAssignment).filter_by(
            role_id=role_id))
        ir = models.ImpliedRole
        s.execute(sa.delete(ir).where(sa.or_(ir.prior_role_id == role_id,
                                             ir.implied_role_id == role_id)))
        s.delete(row)
    tokens.invalidate_cache()


# --- grants ------------------------------------------------------------------
# The actor of a grant is a user or a group: each has its own table.

ACTORS = {'user': (models.User, exception.UserNotFound,
                   models.RoleAssignment, 'actor_id'),
          'group': (models.IdentityGroup, exception.IdentityGroupNotFound,
                    models.GroupRoleAssignment, 'group_id')}


def _check_parties(s, actor_type, actor_id, target_type, target_id,
                   role_id=None):
    """404 naming whichever of role, actor, target does not exist (in
    keystone's order); the target row."""
    if role_id is not None:
        _role(s, role_id)
    actor_model, actor_missing, _table, _column = ACTORS[actor_type]
    if s.get(actor_model, actor_id) is None:
        raise actor_missing(actor_id)
    model, not_found = TARGETS[target_type]
    target = s.get(model, target_id)
    if target is None:
        raise not_found(target_id)
    return target


def _grant_row(s, actor_type, actor_id, target_type, target_id, role_id):
    table = ACTORS[actor_type][2]
    return s.get(table, (actor_id, target_type, target_id, role_id))


def grant_create(actor_id, target_type, target_id, role_id,
                 actor_type='user'):
    """Idempotent, like keystone's PUT. A domain-specific role is only
    granted on projects of its domain."""
    with session.writer() as s:
        target = _check_parties(s, actor_type, actor_id, target_type,
                                target_id, role_id)
        role = role_dict(_role(s, role_id))
        if target_type == 'project' and role['domain_id'] and \
                role['domain_id'] != target.domain_id:
            raise exception.DomainSpecificRoleMismatch(
                role_id=role_id, project_id=target_id)
        if _grant_row(s, actor_type, actor_id, target_type, target_id,
                      role_id) is None:
            table, column = ACTORS[actor_type][2:]
            s.add(table(**{column: actor_id, 'target_type': target_type,
                           'target_id': target_id, 'role_id': role_id}))
    tokens.invalidate_cache()


def grant_check(actor_id, target_type, target_id, role_id,
                actor_type='user'):
    with session.reader() as s:
        _check_parties(s, actor_type, actor_id, target_type, target_id,
                       role_id)
        if _grant_row(s, actor_type, actor_id, target_type, target_id,
                      role_id) is None:
            raise exception.RoleAssignmentNotFound(
                role_id=role_id, actor_id=actor_id, target_id=target_id)


def grant_delete(actor_id, target_type, target_id, role_id,
                 actor_type='user'):
    with session.writer() as s:
        _check_parties(s, actor_type, actor_id, target_type, target_id,
                       role_id)
        row = _grant_row(s, actor_type, actor_id, target_type, target_id,
                         role_id)
        if row is None:
            raise exception.RoleAssignmentNotFound(
                role_id=role_id, actor_id=actor_id, target_id=target_id)
        s.delete(row)
    tokens.invalidate_cache()


def grant_list(actor_id, target_type, target_id, actor_type='user'):
    """The roles the actor holds directly on the target."""
    with session.reader() as s:
        _check_parties(s, actor_type, actor_id, target_type, target_id)
        table, column = ACTORS[actor_type][2:]
        query = sa.select(models.Role).join(
            table, table.role_id == models.Role.id).where(
            getattr(table, column) == actor_id,
            table.target_type == target_type,
            table.target_id == target_id).order_by(models.Role.name)
        return [role_dict(r) for r in s.scalars(query)]


def has_role_on(user_id, target_type, target_id):
    """Whether the user holds a grant on the target (its own or a
    group's)."""
    with session.reader() as s:
        return bool(effective_roles.granted_role_ids(
            s, user_id, target_type, target_id))


def _target_ids(s, user_id, target_type):
    return effective_roles.target_ids(s, user_id, target_type)


def user_projects(user_id, enabled_only=False):
    """Projects `user_id` has any role on (enabled ones in enabled domains
    when `enabled_only`, as /v3/auth/projects lists)."""
    with session.reader() as s:
        ids = _target_ids(s, user_id, 'project')
    projects = identity.project_list(ids=ids)
    if enabled_only:
        domains = {d['id'] for d in identity.domain_list(enabled=True)}
        projects = [p for p in projects
                    if p['enabled'] and p['domain_id'] in domains]
    return projects


def user_domains(user_id, enabled_only=False):
    with session.reader() as s:
        ids = _target_ids(s, user_id, 'domain')
    return identity.domain_list(ids=ids,
                                enabled=True if enabled_only else None)
