"""Keystone groups (names unique per domain) and their members. Changes
that can take a role away (membership removed, group deleted) clear the
token cache, so tokens lose those roles at once."""
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import identity
from stratus.db.api import revoke_events
from stratus.db.api import tokens

_KEYS = ('name', 'description')


def _group(s, group_id):
    row = s.get(models.IdentityGroup, group_id)
    if row is None:
        raise exception.IdentityGroupNotFound(group_id)
    return row


def _duplicate(name, domain_id):
    return exception.IdentityConflict(
        type='group', details='Duplicate entry found with name %s at '
        'domain ID %s' % (name, domain_id))


def _check_name(s, name, domain_id, group_id=None):
    row = s.scalars(sa.select(models.IdentityGroup).filter_by(
        name=name, domain_id=domain_id)).first()
    if row is not None and row.id != group_id:
        raise _duplicate(name, domain_id)


def group_create(values):
    """values: name, domain_id, description and `extra` (other keys)."""
    name = values['name'].strip()
    try:
        with session.writer() as s:
            if s.get(models.Domain, values['domain_id']) is None:
                raise exception.DomainNotFound(values['domain_id'])
            _check_name(s, name, values['domain_id'])
            row = models.IdentityGroup(
                id=identity.new_id(), name=name,
                domain_id=values['domain_id'],
                description=values.get('description', ''),
                extra=values.get('extra') or None)
            s.add(row)
            s.flush()
            return row.to_dict()
    except sa_exc.IntegrityError:
        raise _duplicate(name, values['domain_id'])


def group_get(group_id):
    with session.reader() as s:
        return _group(s, group_id).to_dict()


def group_list(name=None, domain_id=None, ids=None):
    with session.reader() as s:
        query = sa.select(models.IdentityGroup).order_by(
            models.IdentityGroup.name, models.IdentityGroup.id)
        if name is not None:
            query = query.filter_by(name=name)
        if domain_id is not None:
            query = query.filter_by(domain_id=domain_id)
        if ids is not None:
            query = query.where(models.IdentityGroup.id.in_(ids))
        return [r.to_dict() for r in s.scalars(query)]


def group_update(group_id, values):
    with session.writer() as s:
        row = _group(s, group_id)
        if values.get('name') is not None:
            values = dict(values, name=values['name'].strip())
            if values['name'] != row.name:
                _check_name(s, values['name'], row.domain_id, group_id)
        for key in _KEYS:
            if key in values:
                setattr(row, key, values[key])
        if values.get('extra'):
            row.extra = dict(row.extra or {}, **values['extra'])
        s.flush()
        return row.to_dict()


def _record_members_if_granted(s, group_id):
    """keystone's revocation event for each member of a deleted group
    that held roles."""
    gra = models.GroupRoleAssignment
    if s.scalars(sa.select(gra.role_id).where(
            gra.group_id == group_id).limit(1)).first() is None:
        return
    m = models.UserGroupMembership
    for user_id in s.scalars(sa.select(m.user_id).where(
            m.group_id == group_id)):
        revoke_events.record(s, user_id=user_id)


def group_delete(group_id):
    with session.writer() as s:
        row = _group(s, group_id)
        _record_members_if_granted(s, group_id)
        for model in (models.GroupRoleAssignment,
                      models.UserGroupMembership):
            s.execute(sa.delete(model).where(model.group_id == group_id))
        s.delete(row)
    tokens.invalidate_cache()


# --- membership --------------------------------------------------------------

def _parties(s, group_id, user_id):
    _group(s, group_id)
    if s.get(models.User, user_id) is None:
        raise exception.UserNotFound(user_id)


def _not_in_group(user_id, group_id):
    return exception.NotFound("User '%s' not found in group '%s'"
                              % (user_id, group_id))


def member_add(group_id, user_id):
    """Idempotent, like keystone's PUT."""
    with session.writer() as s:
        _parties(s, group_id, user_id)
        if s.get(models.UserGroupMembership, (user_id, group_id)) is None:
            s.add(models.UserGroupMembership(user_id=user_id,
                                             group_id=group_id))
    tokens.invalidate_cache()


def member_check(group_id, user_id):
    with session.reader() as s:
        _parties(s, group_id, user_id)
        if s.get(models.UserGroupMembership, (user_id, group_id)) is None:
            raise _not_in_group(user_id, group_id)


def member_remove(group_id, user_id):
    with session.writer() as s:
        row = s.get(models.UserGroupMembership, (user_id, group_id))
        if row is None:
            _parties(s, group_id, user_id)
            raise _not_in_group(user_id, group_id)
        s.delete(row)
        revoke_events.record(s, user_id=user_id)
    tokens.invalidate_cache()


def group_members(group_id, **filters):
    """The users of the group, as identity.user_list returns them
    (filters: name, domain_id, enabled)."""
    with session.reader() as s:
        _group(s, group_id)
        m = models.UserGroupMembership
        ids = list(s.scalars(sa.select(m.user_id).where(
            m.group_id == group_id)))
    return identity.user_list(ids=ids, **filters) if ids else []


def user_groups(user_id):
    """The groups the user is in; UserNotFound for an unknown user."""
    with session.reader() as s:
        if s.get(models.User, user_id) is None:
            raise exception.UserNotFound(user_id)
        m = models.UserGroupMembership
        ids = list(s.scalars(sa.select(m.group_id).where(
            m.user_id == user_id)))
    return group_list(ids=ids) if ids else []
