"""Roles and role assignments (grants of a role to a user on a project or
a domain). Tokens read the assignments at every validation, so a removed
grant takes effect without revoking anything."""
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import identity
from stratus.db.api import tokens

TARGETS = {'project': (models.Project, exception.ProjectNotFound),
           'domain': (models.Domain, exception.DomainNotFound)}


# --- roles -------------------------------------------------------------------

def _role(s, role_id):
    row = s.get(models.Role, role_id)
    if row is None:
        raise exception.RoleNotFound(role_id)
    return row


def _check_role_name(s, name, role_id=None):
    row = s.scalars(sa.select(models.Role).filter_by(name=name)).first()
    if row is not None and row.id != role_id:
        raise exception.IdentityConflict(
            type='role', details='Duplicate entry found with name %s' % name)


def role_create(values):
    try:
        with session.writer() as s:
            _check_role_name(s, values['name'])
            row = models.Role(id=values.get('id') or identity.new_id(),
                              name=values['name'],
                              description=values.get('description'))
            s.add(row)
            s.flush()
            return row.to_dict()
    except sa_exc.IntegrityError:
        raise exception.IdentityConflict(
            type='role', details='Duplicate entry found with name %s'
            % values['name'])


def role_get(role_id):
    with session.reader() as s:
        return _role(s, role_id).to_dict()


def role_list(name=None):
    with session.reader() as s:
        query = sa.select(models.Role).order_by(models.Role.name)
        if name is not None:
            query = query.filter_by(name=name)
        return [r.to_dict() for r in s.scalars(query)]


def role_update(role_id, values):
    with session.writer() as s:
        row = _role(s, role_id)
        if values.get('name') not in (None, row.name):
            _check_role_name(s, values['name'], role_id)
        for key in ('name', 'description'):
            if key in values:
                setattr(row, key, values[key])
        s.flush()
        result = row.to_dict()
    tokens.invalidate_cache()
    return result


def role_delete(role_id):
    with session.writer() as s:
        row = _role(s, role_id)
        s.execute(sa.delete(models.RoleAssignment).filter_by(role_id=role_id))
        s.delete(row)
    tokens.invalidate_cache()


# --- grants ------------------------------------------------------------------

def _check_parties(s, user_id, target_type, target_id, role_id=None):
    """404 naming whichever of target, user, role does not exist."""
    model, not_found = TARGETS[target_type]
    if s.get(model, target_id) is None:
        raise not_found(target_id)
    if s.get(models.User, user_id) is None:
        raise exception.UserNotFound(user_id)
    if role_id is not None:
        _role(s, role_id)


def _grant_row(s, user_id, target_type, target_id, role_id):
    return s.get(models.RoleAssignment, (user_id, target_type, target_id,
                                         role_id))


def grant_create(user_id, target_type, target_id, role_id):
    """Idempotent, like keystone's PUT."""
    with session.writer() as s:
        _check_parties(s, user_id, target_type, target_id, role_id)
        if _grant_row(s, user_id, target_type, target_id, role_id) is None:
            s.add(models.RoleAssignment(actor_id=user_id,
                                        target_type=target_type,
                                        target_id=target_id, role_id=role_id))
    tokens.invalidate_cache()


def grant_check(user_id, target_type, target_id, role_id):
    with session.reader() as s:
        _check_parties(s, user_id, target_type, target_id, role_id)
        if _grant_row(s, user_id, target_type, target_id, role_id) is None:
            raise exception.RoleAssignmentNotFound(
                role_id=role_id, actor_id=user_id, target_id=target_id)


def grant_delete(user_id, target_type, target_id, role_id):
    with session.writer() as s:
        _check_parties(s, user_id, target_type, target_id, role_id)
        row = _grant_row(s, user_id, target_type, target_id, role_id)
        if row is None:
            raise exception.RoleAssignmentNotFound(
                role_id=role_id, actor_id=user_id, target_id=target_id)
        s.delete(row)
    tokens.invalidate_cache()


def grant_list(user_id, target_type, target_id):
    """The roles `user_id` holds on the target."""
    with session.reader() as s:
        _check_parties(s, user_id, target_type, target_id)
        query = sa.select(models.Role).join(
            models.RoleAssignment,
            models.RoleAssignment.role_id == models.Role.id).where(
            models.RoleAssignment.actor_id == user_id,
            models.RoleAssignment.target_type == target_type,
            models.RoleAssignment.target_id == target_id).order_by(
            models.Role.name)
        return [r.to_dict() for r in s.scalars(query)]


def has_role_on(user_id, target_type, target_id):
    with session.reader() as s:
        return s.scalars(sa.select(models.RoleAssignment.role_id).filter_by(
            actor_id=user_id, target_type=target_type,
            target_id=target_id).limit(1)).first() is not None


def _target_ids(s, user_id, target_type):
    return list(s.scalars(sa.select(
        models.RoleAssignment.target_id).distinct().filter_by(
        actor_id=user_id, target_type=target_type)))


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


# --- role assignment listing -------------------------------------------------

def assignment_list(user_id=None, project_id=None, domain_id=None,
                    role_id=None):
    """Plain dicts {user_id, role_id, target_type, target_id}."""
    with session.reader() as s:
        ra = models.RoleAssignment
        query = sa.select(ra).order_by(ra.target_type, ra.target_id,
                                       ra.actor_id, ra.role_id)
        if user_id is not None:
            query = query.where(ra.actor_id == user_id)
        if role_id is not None:
            query = query.where(ra.role_id == role_id)
        if project_id is not None:
            query = query.where(ra.target_type == 'project',
                                ra.target_id == project_id)
        if domain_id is not None:
            query = query.where(ra.target_type == 'domain',
                                ra.target_id == domain_id)
        return [{'user_id': r.actor_id, 'role_id': r.role_id,
                 'target_type': r.target_type, 'target_id': r.target_id}
                for r in s.scalars(query)]


def names_for(assignments):
    """Names for include_names: {('user'|'role'|'project'|'domain', id):
    {'name', 'domain_id'}} for every party of `assignments`."""
    wanted = {'user': set(), 'role': set(), 'project': set(),
              'domain': set()}
    for a in assignments:
        wanted['user'].add(a['user_id'])
        wanted['role'].add(a['role_id'])
        wanted[a['target_type']].add(a['target_id'])
    models_by_kind = {'user': models.User, 'role': models.Role,
                      'project': models.Project, 'domain': models.Domain}
    names = {}
    with session.reader() as s:
        for kind, ids in wanted.items():
            model = models_by_kind[kind]
            if not ids:
                continue
            for row in s.scalars(sa.select(model).where(model.id.in_(ids))):
                names[(kind, row.id)] = {
                    'name': row.name,
                    'domain_id': getattr(row, 'domain_id', None)}
        domain_ids = {v['domain_id'] for v in names.values()
                      if v['domain_id']} - wanted['domain']
        if domain_ids:
            for row in s.scalars(sa.select(models.Domain).where(
                    models.Domain.id.in_(domain_ids))):
                names[('domain', row.id)] = {'name': row.name,
                                             'domain_id': None}
    return names
