"""Domains, projects and users of the Keystone v3 subset.

Rows leave as dicts; a user's dict never carries the password hash. Names
are unique per domain (domains: globally). Changes that can invalidate an
issued token (disable, delete, new password) clear the token cache of this
process so they take effect at once here.
"""
import uuid

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db import models
from stratus.db import session
from stratus.db.api import application_credentials
from stratus.db.api import passwords
from stratus.db.api import revoke_events
from stratus.db.api import tokens
from stratus.db.api import trust_tokens

_UNSET = object()


def new_id():
    """Keystone-style id: 32 hex characters."""
    return uuid.uuid4().hex


def _apply(row, values, keys):
    for key in keys:
        if key in values:
            setattr(row, key, values[key])


def _filtered(query, model, filters):
    """Equality filters; a None value means no filter on that column."""
    for key, value in filters.items():
        if value is not None:
            query = query.where(getattr(model, key) == value)
    return query


# --- domains -----------------------------------------------------------------

_DOMAIN_KEYS = ('name', 'description', 'enabled')


def _domain(s, domain_id):
    row = s.get(models.Domain, domain_id)
    if row is None:
        raise exception.DomainNotFound(domain_id)
    return row


def _check_domain_name(s, name, domain_id=None):
    row = s.scalars(sa.select(models.Domain).filter_by(name=name)).first()
    if row is not None and row.id != domain_id:
        raise exception.IdentityConflict(
            type='domain', details='Duplicate entry found with name %s' % name)


def domain_create(values):
    with session.writer() as s:
        _check_domain_name(s, values['name'])
        row = models.Domain(id=values.get('id') or new_id(), enabled=True)
        _apply(row, values, _DOMAIN_KEYS)
        s.add(row)
        s.flush()
        return row.to_dict()


def domain_get(domain_id):
    with session.reader() as s:
        return _domain(s, domain_id).to_dict()


def domain_get_by_name(name):
    with session.reader() as s:
        row = s.scalars(sa.select(models.Domain).filter_by(name=name)).first()
        if row is None:
            raise exception.DomainNotFound(name)
        return row.to_dict()


def domain_list(name=None, enabled=None, ids=None):
    with session.reader() as s:
        query = _filtered(sa.select(models.Domain), models.Domain,
                          {'name': name, 'enabled': enabled})
        if ids is not None:
            query = query.where(models.Domain.id.in_(ids))
        return [r.to_dict() for r in s.scalars(query.order_by(
            models.Domain.name))]


def domain_update(domain_id, values):
    with session.writer() as s:
        row = _domain(s, domain_id)
        if values.get('name') not in (None, row.name):
            _check_domain_name(s, values['name'], domain_id)
        if values.get('enabled') is False and \
                domain_id == CONF.identity.default_domain_id:
            raise exception.Forbidden('Cannot disable the default domain.')
        _apply(row, values, _DOMAIN_KEYS)
        s.flush()
        result = row.to_dict()
    tokens.invalidate_cache()
    return result


def domain_delete(domain_id):
    """Keystone refuses to delete an enabled domain; everything in it goes."""
    with session.writer() as s:
        row = _domain(s, domain_id)
        if row.enabled:
            raise exception.Forbidden('Cannot delete a domain that is '
                                      'enabled, please disable it first.')
        project_ids = list(s.scalars(sa.select(models.Project.id).filter_by(
            domain_id=domain_id)))
        user_ids = list(s.scalars(sa.select(models.User.id).filter_by(
            domain_id=domain_id)))
        _delete_assignments(s, 'project', project_ids)
        _delete_project_credentials(s, project_ids)
        _delete_assignments(s, 'domain', [domain_id])
        application_credentials.purge_projects(s, project_ids)
        _delete_users(s, user_ids)
        _delete_groups(s, domain_id)
        s.execute(sa.delete(models.Project).filter_by(domain_id=domain_id))
        s.delete(row)
    tokens.invalidate_cache()


def _delete_assignments(s, target_type, target_ids):
    if target_ids:
        for model in (models.RoleAssignment, models.GroupRoleAssignment,
                      models.InheritedRoleAssignment,
                      models.InheritedGroupRoleAssignment):
            s.execute(sa.delete(model).where(
                model.target_type == target_type,
                model.target_id.in_(target_ids)))


def _delete_project_credentials(s, project_ids):
    # Keystone drops the credentials of a deleted project.
    if project_ids:
        s.execute(sa.delete(models.Credential).where(
            models.Credential.project_id.in_(project_ids)))


def _delete_groups(s, domain_id):
    group_ids = list(s.scalars(sa.select(models.IdentityGroup.id).filter_by(
        domain_id=domain_id)))
    if group_ids:
        for model in (models.GroupRoleAssignment,
                      models.UserGroupMembership):
            s.execute(sa.delete(model).where(model.group_id.in_(group_ids)))
        s.execute(sa.delete(models.IdentityGroup).where(
            models.IdentityGroup.id.in_(group_ids)))


def _delete_users(s, user_ids):
    # Explicit rather than relying on ON DELETE CASCADE being enforced.
    if user_ids:
        application_credentials.purge_users(s, user_ids)
        s.execute(sa.delete(models.RoleAssignment).where(
            models.RoleAssignment.actor_id.in_(user_ids)))
        s.execute(sa.delete(models.UserGroupMembership).where(
            models.UserGroupMembership.user_id.in_(user_ids)))
        s.execute(sa.delete(models.Token).where(
            models.Token.user_id.in_(user_ids)))
        s.execute(sa.delete(models.User).where(models.User.id.in_(user_ids)))


# --- projects ----------------------------------------------------------------

_PROJECT_KEYS = ('name', 'description', 'enabled')


def _project(s, project_id):
    row = s.get(models.Project, project_id)
    if row is None:
        raise exception.ProjectNotFound(project_id)
    return row


def _check_project_name(s, name, domain_id, project_id=None):
    row = s.scalars(sa.select(models.Project).filter_by(
        name=name, domain_id=domain_id)).first()
    if row is not None and row.id != project_id:
        raise exception.IdentityConflict(
            type='project', details='Duplicate entry found with name %s at '
            'domain ID %s' % (name, domain_id))


def project_create(values):
    try:
        with session.writer() as s:
            _domain(s, values['domain_id'])
            _check_project_name(s, values['name'], values['domain_id'])
            row = models.Project(id=new_id(), domain_id=values['domain_id'],
                                 enabled=True, description='',
                                 extra=values.get('extra') or None)
            _apply(row, values, _PROJECT_KEYS)
            s.add(row)
            s.flush()
            return row.to_dict()
    except sa_exc.IntegrityError:
        raise exception.IdentityConflict(
            type='project', details='Duplicate entry found with name %s at '
            'domain ID %s' % (values['name'], values['domain_id']))


def project_get(project_id):
    with session.reader() as s:
        return _project(s, project_id).to_dict()


def project_list(name=None, domain_id=None, enabled=None, ids=None):
    with session.reader() as s:
        query = _filtered(sa.select(models.Project), models.Project,
                          {'name': name, 'domain_id': domain_id,
                           'enabled': enabled})
        if ids is not None:
            query = query.where(models.Project.id.in_(ids))
        return [r.to_dict() for r in s.scalars(query.order_by(
            models.Project.name, models.Project.id))]


def project_update(project_id, values):
    with session.writer() as s:
        row = _project(s, project_id)
        if values.get('name') not in (None, row.name):
            _check_project_name(s, values['name'], row.domain_id, row.id)
        _apply(row, values, _PROJECT_KEYS)
        if values.get('extra'):
            # Keystone merges new extra attributes into the stored ones.
            row.extra = dict(row.extra or {}, **values['extra'])
        s.flush()
        result = row.to_dict()
    tokens.invalidate_cache()
    return result


def project_delete(project_id):
    with session.writer() as s:
        row = _project(s, project_id)
        _delete_assignments(s, 'project', [project_id])
        trust_tokens.delete_for_project(s, project_id, models.utcnow())
        revoke_events.record(s, project_id=project_id)
        application_credentials.purge_projects(s, [project_id])
        _delete_project_credentials(s, [project_id])
        s.delete(row)
    tokens.invalidate_cache()


def find_project(project_id=None, name=None, domain_id=None,
                 domain_name=None):
    """A project by id, or by name within a domain given by id or name."""
    with session.reader() as s:
        if project_id is not None:
            return _project(s, project_id).to_dict()
        if domain_id is None:
            domain_id = _find_domain(s, None, domain_name).id
        row = s.scalars(sa.select(models.Project).filter_by(
            name=name, domain_id=domain_id)).first()
        if row is None:
            raise exception.ProjectNotFound(name)
        return row.to_dict()


def _find_domain(s, domain_id, name):
    if domain_id is not None:
        return _domain(s, domain_id)
    row = s.scalars(sa.select(models.Domain).filter_by(name=name)).first()
    if row is None:
        raise exception.DomainNotFound(name)
    return row


def find_domain(domain_id=None, name=None):
    with session.reader() as s:
        return _find_domain(s, domain_id, name).to_dict()


# --- users -------------------------------------------------------------------

_USER_KEYS = ('name', 'email', 'description', 'default_project_id', 'enabled')


def _user_view(row):
    values = row.to_dict()
    values.pop('password_hash', None)
    return values


def _user(s, user_id):
    row = s.get(models.User, user_id)
    if row is None:
        raise exception.UserNotFound(user_id)
    return row


def _check_user_name(s, name, domain_id, user_id=None):
    row = s.scalars(sa.select(models.User).filter_by(
        name=name, domain_id=domain_id)).first()
    if row is not None and row.id != user_id:
        raise exception.IdentityConflict(
            type='user', details='Duplicate entry found with name %s at '
            'domain ID %s' % (name, domain_id))


def user_create(values, password=None):
    # Hash before taking the write lock: bcrypt is deliberately slow.
    password_hash = passwords.hash_password(password) if password else None
    with session.writer() as s:
        _domain(s, values['domain_id'])
        _check_user_name(s, values['name'], values['domain_id'])
        row = models.User(id=new_id(), domain_id=values['domain_id'],
                          enabled=True, password_hash=password_hash)
        _apply(row, values, _USER_KEYS)
        s.add(row)
        s.flush()
        return _user_view(row)


def user_get(user_id):
    with session.reader() as s:
        return _user_view(_user(s, user_id))


def user_list(name=None, domain_id=None, enabled=None, ids=None):
    with session.reader() as s:
        query = _filtered(sa.select(models.User), models.User,
                          {'name': name, 'domain_id': domain_id,
                           'enabled': enabled})
        if ids is not None:
            query = query.where(models.User.id.in_(ids))
        return [_user_view(r) for r in s.scalars(query.order_by(
            models.User.name, models.User.id))]


def user_update(user_id, values, password=_UNSET):
    """A new password revokes the user's tokens, as keystone does."""
    password_hash = _UNSET
    if password is not _UNSET:
        password_hash = passwords.hash_password(password) if password \
            else None
    with session.writer() as s:
        row = _user(s, user_id)
        if values.get('name') not in (None, row.name):
            _check_user_name(s, values['name'], row.domain_id, row.id)
        if values.get('enabled') is False and row.enabled and \
                password_hash is _UNSET:
            # keystone's one event for the user (a new password records
            # it below, with the tokens revoked).
            revoke_events.record(s, user_id=user_id)
        _apply(row, values, _USER_KEYS)
        if password_hash is not _UNSET:
            row.password_hash = password_hash
        s.flush()
        result = _user_view(row)
    if password_hash is not _UNSET:
        tokens.revoke_for_user(user_id)
    tokens.invalidate_cache()
    return result


def user_delete(user_id):
    with session.writer() as s:
        _user(s, user_id)
        _delete_users(s, [user_id])
        trust_tokens.delete_for_user(s, user_id, models.utcnow())
        revoke_events.record(s, user_id=user_id)
    tokens.invalidate_cache()


def find_user(user_id=None, name=None, domain_id=None, domain_name=None):
    with session.reader() as s:
        if user_id is not None:
            return _user_view(_user(s, user_id))
        if domain_id is None:
            domain_id = _find_domain(s, None, domain_name).id
        row = s.scalars(sa.select(models.User).filter_by(
            name=name, domain_id=domain_id)).first()
        if row is None:
            raise exception.UserNotFound(name)
        return _user_view(row)


def _password_hash(user_id):
    with session.reader() as s:
        return s.scalar(sa.select(models.User.password_hash).filter_by(
            id=user_id))


def check_password(password, user_id=None, name=None, domain_id=None,
                   domain_name=None):
    """The user these credentials prove, or NotAuthenticated.

    An unknown user costs a bcrypt check too, so timing does not tell
    which user names exist.
    """
    try:
        user = find_user(user_id, name, domain_id, domain_name)
    except (exception.UserNotFound, exception.DomainNotFound):
        passwords.verify(password, None)
        raise exception.NotAuthenticated()
    if not passwords.verify(password, _password_hash(user['id'])):
        raise exception.NotAuthenticated()
    return user


def change_password(user_id, original_password, password):
    """Self-service change: the original password must match."""
    check_password(original_password, user_id=user_id)
    return user_update(user_id, {}, password=password)
