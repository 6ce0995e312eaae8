"""GET /v3/role_assignments: the stored grants, or (effective) what each
user ends up holding: group grants shown as grants of each member, each
followed by the roles it implies, domain-specific roles left out.

System grants (target 'system', id 'all') come after the others, and
only in the stored listing: keystone's effective listing leaves them out.

Entries are plain dicts: {'user_id' | 'group_id', 'role_id',
'target_type', 'target_id'} and, for effective entries that did not come
straight from a user grant, 'indirect': {'group_id'?, 'role_id'?} (the
group it came through, the prior role it was implied by).
"""
import sqlalchemy as sa

from stratus.db import models
from stratus.db import session
from stratus.db.api import effective_roles
from stratus.db.api import inherited_roles


def _rows(s, table, column, actor_ids, project_id, domain_id,
          system=None):
    """`system` True: only system grants; False: none of them."""
    query = sa.select(table).order_by(table.target_type, table.target_id,
                                      getattr(table, column), table.role_id)
    if system is True:
        query = query.where(table.target_type == 'system')
    elif system is False:
        query = query.where(table.target_type != 'system')
    if actor_ids is not None:
        query = query.where(getattr(table, column).in_(actor_ids))
    if project_id is not None:
        query = query.where(table.target_type == 'project',
                            table.target_id == project_id)
    if domain_id is not None:
        query = query.where(table.target_type == 'domain',
                            table.target_id == domain_id)
    return list(s.scalars(query))


def _entry(row, actor_key, actor_id):
    return {actor_key: actor_id, 'role_id': row.role_id,
            'target_type': row.target_type, 'target_id': row.target_id}


def _stored(s, user_id, group_id, project_id, domain_id, system=None):
    result = []
    if group_id is None:
        result += [_entry(r, 'user_id', r.actor_id) for r in _rows(
            s, models.RoleAssignment, 'actor_id',
            None if user_id is None else [user_id], project_id, domain_id,
            system)]
    if user_id is None:
        result += [_entry(r, 'group_id', r.group_id) for r in _rows(
            s, models.GroupRoleAssignment, 'group_id',
            None if group_id is None else [group_id], project_id,
            domain_id, system)]
    # Keystone lists system grants after project and domain ones.
    result.sort(key=lambda e: e['target_type'] == 'system')
    return result


def _members(s, group_ids):
    m = models.UserGroupMembership
    members = {}
    if group_ids:
        for user_id, group_id in s.execute(sa.select(
                m.user_id, m.group_id).where(m.group_id.in_(group_ids))
                .order_by(m.user_id)):
            members.setdefault(group_id, []).append(user_id)
    return members


def _expanded_groups(s, user_id, project_id, domain_id):
    """Group grants as entries of each member (only `user_id`'s groups
    when filtered by user)."""
    groups = None
    if user_id is not None:
        groups = effective_roles.group_ids(s, user_id)
    rows = _rows(s, models.GroupRoleAssignment, 'group_id', groups,
                 project_id, domain_id, system=False)
    members = _members(s, {r.group_id for r in rows})
    result = []
    for row in rows:
        for member in members.get(row.group_id, ()):
            if user_id is None or member == user_id:
                entry = _entry(row, 'user_id', member)
                entry['indirect'] = {'group_id': row.group_id}
                result.append(entry)
    return result


def _with_implied(s, entries):
    """Each entry followed by one copy per implied role, transitively;
    a copy equal to one already seen closes a cycle and stops there."""
    rules = effective_roles.implications(s)
    result = list(entries)
    pending = list(entries)
    seen = []
    while pending:
        entry = pending.pop(0)
        seen.append(entry)
        for implied in rules.get(entry['role_id'], ()):
            copy = dict(entry, role_id=implied,
                        indirect=dict(entry.get('indirect', {}),
                                      role_id=entry['role_id']))
            if copy in seen or copy in pending:
                continue
            result.append(copy)
            pending.append(copy)
    return result


def _global_only(s, entries):
    ids = {e['role_id'] for e in entries}
    if not ids:
        return entries
    domain_roles = set(s.scalars(sa.select(models.Role.id).where(
        models.Role.id.in_(ids),
        models.Role.domain_id != models.GLOBAL_ROLE_DOMAIN)))
    return [e for e in entries if e['role_id'] not in domain_roles]


def assignment_list(user_id=None, group_id=None, project_id=None,
                    domain_id=None, role_id=None, effective=False,
                    system=False, inherited=None):
    """`system` True lists system grants only (keystone's
    scope.system=all); effective listings never show them. `inherited`:
    None for all grants, True for the inherited (OS-INHERIT) ones only,
    False for the others."""
    with session.reader() as s:
        if not effective:
            entries = [] if inherited else _stored(
                s, user_id, group_id, project_id, domain_id,
                True if system else None)
            if inherited is not False and not system:
                entries += inherited_roles.stored_entries(
                    s, user_id, group_id, project_id, domain_id)
        else:
            entries = []
            if not inherited:
                entries = _stored(s, user_id, None, project_id, domain_id,
                                  False)
                entries = [e for e in entries if 'user_id' in e]
                entries += _expanded_groups(s, user_id, project_id,
                                            domain_id)
            # Inherited grants show on the projects they reach only.
            if inherited is not False and domain_id is None:
                entries += inherited_roles.effective_entries(
                    s, user_id, project_id)
            entries = _global_only(s, _with_implied(s, entries))
        if role_id is not None:
            entries = [e for e in entries if e['role_id'] == role_id]
        return entries


_MODELS = {'user': models.User, 'group': models.IdentityGroup,
           'role': models.Role, 'project': models.Project,
           'domain': models.Domain}


def names_for(assignments):
    """Names for include_names: {(kind, id): {'name', 'domain_id'}} for
    every party of `assignments`, and the domains they are in."""
    wanted = {kind: set() for kind in _MODELS}
    for a in assignments:
        for kind in ('user', 'group', 'role'):
            if a.get(kind + '_id'):
                wanted[kind].add(a[kind + '_id'])
        if a['target_type'] in wanted:
            # The system has no name to show.
            wanted[a['target_type']].add(a['target_id'])
    names = {}
    with session.reader() as s:
        for kind, ids in wanted.items():
            model = _MODELS[kind]
            if not ids:
                continue
            for row in s.scalars(sa.select(model).where(model.id.in_(ids))):
                domain = getattr(row, 'domain_id', None)
                if domain == models.GLOBAL_ROLE_DOMAIN:
                    domain = None
                names[(kind, row.id)] = {'name': row.name,
                                         'domain_id': domain}
        domain_ids = {v['domain_id'] for v in names.values()
                      if v['domain_id']} - wanted['domain']
        if domain_ids:
            for row in s.scalars(sa.select(models.Domain).where(
                    models.Domain.id.in_(domain_ids))):
                names[('domain', row.id)] = {'name': row.name,
                                             'domain_id': None}
    return names
