"""What inherited (OS-INHERIT) grants give, read inside a caller's
session. Every project here is top-level: an inherited grant on a domain
reaches each project of the domain; one on a project reaches its subtree,
which is empty, so it gives nothing (it is still stored and listed).

Entries follow role_assignment_list's form, plus 'inherited_to':
'projects' on a stored inherited grant and, on an effective entry,
'indirect': {'domain_id': <the domain it was inherited from>, ...}.
"""
import sqlalchemy as sa

from stratus.db import models

USER = models.InheritedRoleAssignment
GROUP = models.InheritedGroupRoleAssignment


def _group_ids(s, user_id):
    m = models.UserGroupMembership
    return list(s.scalars(sa.select(m.group_id).where(m.user_id == user_id)))


def _domain_grants(s, user_id, domain_ids=None):
    """(domain id, role id, group id or None) of the inherited domain
    grants reaching user_id."""
    query = sa.select(USER.target_id, USER.role_id).where(
        USER.actor_id == user_id, USER.target_type == 'domain')
    if domain_ids is not None:
        query = query.where(USER.target_id.in_(domain_ids))
    found = [(d, r, None) for d, r in s.execute(query)]
    groups = _group_ids(s, user_id)
    if groups:
        query = sa.select(GROUP.target_id, GROUP.role_id,
                          GROUP.group_id).where(
            GROUP.group_id.in_(groups), GROUP.target_type == 'domain')
        if domain_ids is not None:
            query = query.where(GROUP.target_id.in_(domain_ids))
        found += list(s.execute(query))
    return found


def project_role_queries(user_id, project_id):
    """Selects of the role ids the user inherits on the project from its
    domain, directly and through its groups (for a caller's union; the
    ids may be bound parameters)."""
    domain_of_project = sa.select(models.Project.domain_id).where(
        models.Project.id == project_id).scalar_subquery()
    member = models.UserGroupMembership
    return (sa.select(USER.role_id).where(
                USER.actor_id == user_id, USER.target_type == 'domain',
                USER.target_id == domain_of_project),
            sa.select(GROUP.role_id).join(
                member, member.group_id == GROUP.group_id).where(
                member.user_id == user_id, GROUP.target_type == 'domain',
                GROUP.target_id == domain_of_project))


def project_ids(s, user_id):
    """Projects the user reaches through inherited grants."""
    domains = {d for d, _r, _g in _domain_grants(s, user_id)}
    if not domains:
        return set()
    return set(s.scalars(sa.select(models.Project.id).where(
        models.Project.domain_id.in_(domains))))


def _target_filter(query, table, project_id, domain_id):
    if project_id is not None:
        query = query.where(table.target_type == 'project',
                            table.target_id == project_id)
    if domain_id is not None:
        query = query.where(table.target_type == 'domain',
                            table.target_id == domain_id)
    return query


def stored_entries(s, user_id=None, group_id=None, project_id=None,
                   domain_id=None):
    """The inherited grants themselves, as GET /v3/role_assignments lists
    them without ?effective."""
    result = []
    for table, column, key, wanted, other in (
            (USER, 'actor_id', 'user_id', user_id, group_id),
            (GROUP, 'group_id', 'group_id', group_id, user_id)):
        if other is not None:
            continue
        actor = getattr(table, column)
        query = _target_filter(sa.select(table), table, project_id,
                               domain_id).order_by(
            table.target_type, table.target_id, actor, table.role_id)
        if wanted is not None:
            query = query.where(actor == wanted)
        result += [{key: getattr(row, column), 'role_id': row.role_id,
                    'target_type': row.target_type,
                    'target_id': row.target_id, 'inherited_to': 'projects'}
                   for row in s.scalars(query)]
    return result


def effective_entries(s, user_id=None, project_id=None):
    """Inherited domain grants as user entries on each project they reach
    (group grants as entries of each member)."""
    domain_ids = None
    if project_id is not None:
        project = s.get(models.Project, project_id)
        if project is None:
            return []
        domain_ids = [project.domain_id]
    grants = []
    query = _domain_query(sa.select(USER.actor_id, USER.target_id,
                                    USER.role_id), USER, domain_ids)
    if user_id is not None:
        query = query.where(USER.actor_id == user_id)
    grants += [(u, d, r, None) for u, d, r in s.execute(query)]
    m = models.UserGroupMembership
    query = _domain_query(sa.select(
        m.user_id, GROUP.target_id, GROUP.role_id, GROUP.group_id).join(
        m, m.group_id == GROUP.group_id), GROUP, domain_ids)
    if user_id is not None:
        query = query.where(m.user_id == user_id)
    grants += list(s.execute(query))
    result = []
    for user, domain, role, group in sorted(grants, key=_sort_key):
        projects = s.scalars(sa.select(models.Project.id).where(
            models.Project.domain_id == domain).order_by(models.Project.id))
        for pid in projects:
            if project_id is not None and pid != project_id:
                continue
            indirect = {'domain_id': domain}
            if group is not None:
                indirect['group_id'] = group
            result.append({'user_id': user, 'role_id': role,
                           'target_type': 'project', 'target_id': pid,
                           'indirect': indirect})
    return result


def _sort_key(grant):
    return tuple(part or '' for part in grant)


def _domain_query(query, table, domain_ids):
    query = query.where(table.target_type == 'domain')
    if domain_ids is not None:
        query = query.where(table.target_id.in_(domain_ids))
    return query
