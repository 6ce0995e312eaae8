"""Project quotas: limits (defaults from [quota], overrides in the quotas
table), usage counted from the rows themselves, and the check that callers
run inside the write transaction that consumes the resources.

Usage is counted, never tracked (nova's counting quotas): there is no
usage table to drift. A caller that checks and inserts in one
``session.writer()`` transaction is serialised against every other writer,
so two concurrent requests cannot both take the last unit.
"""
import sqlalchemy as sa

from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db import models
from stratus.db import session

RESOURCES = ('instances', 'cores', 'ram', 'metadata_items', 'injected_files',
             'injected_file_content_bytes', 'injected_file_path_bytes',
             'key_pairs', 'server_groups', 'server_group_members')
# Resources whose usage is counted per project (the rest are limits on one
# request, or per user / per group).
COUNTED = ('instances', 'cores', 'ram', 'server_groups')


def defaults(s=None):
    """The limits of a project without overrides: the [quota] options under
    the 'default' quota class (os-quota-class-sets)."""
    from stratus.db.api import quota_classes
    values = {name: getattr(CONF.quota, name) for name in RESOURCES}
    if s is None:
        with session.reader() as s:
            return quota_classes.over_default(s, values)
    return quota_classes.over_default(s, values)


def limits(s, project_id):
    """The project's limits (-1 = unlimited), read in the open session."""
    values = defaults(s)
    for row in s.scalars(sa.select(models.Quota).filter_by(
            project_id=project_id)):
        if row.resource in values:
            values[row.resource] = row.hard_limit
    return values


def usage(s, project_id, user_id=None):
    """What the project uses: instances, cores, ram, server_groups; with
    `user_id`, also that user's key_pairs. Read in the open session."""
    count, cores, ram = s.execute(
        sa.select(sa.func.count(models.Instance.id),
                  sa.func.coalesce(sa.func.sum(models.Instance.vcpus), 0),
                  sa.func.coalesce(sa.func.sum(models.Instance.memory_mb), 0))
        .where(models.Instance.project_id == project_id,
               models.Instance.deleted.is_(False),
               # A build that found no host gave its quota back.
               sa.not_(sa.and_(models.Instance.vm_state == 'error',
                               models.Instance.host.is_(None))))).one()
    groups = s.scalar(sa.select(sa.func.count(models.ServerGroup.id)).where(
        models.ServerGroup.project_id == project_id))
    values = {'instances': count, 'cores': int(cores), 'ram': int(ram),
              'server_groups': groups}
    if user_id is not None:
        values['key_pairs'] = key_pair_count(s, user_id)
    return values


def key_pair_count(s, user_id):
    return s.scalar(sa.select(sa.func.count(models.KeyPair.id)).where(
        models.KeyPair.user_id == user_id))


def group_member_count(s, group_id):
    """Members of a server group (by server_groups.id) that still exist."""
    live = sa.select(models.Instance.uuid).where(
        models.Instance.deleted.is_(False))
    return s.scalar(sa.select(sa.func.count()).select_from(
        models.ServerGroupMember).where(
        models.ServerGroupMember.group_id == group_id,
        models.ServerGroupMember.instance_uuid.in_(live)))


def _used(s, project_id, names, user_id, group_id):
    used = {}
    if set(names) & set(COUNTED):
        used.update(usage(s, project_id))
    if 'key_pairs' in names and user_id is not None:
        used['key_pairs'] = key_pair_count(s, user_id)
    if 'server_group_members' in names and group_id is not None:
        used['server_group_members'] = group_member_count(s, group_id)
    return used


def check(s, project_id, deltas, *, user_id=None, group_id=None):
    """Raise QuotaExceeded unless the project can take `deltas`.

    `deltas` maps resource names to the amount a request adds. Counted
    resources add to what is used now; key_pairs counts `user_id`'s pairs
    and server_group_members the members of group `group_id`; for the
    others (metadata_items ...) the delta is the request's own size. Call
    it in the writer session that then inserts the rows.
    """
    names = [n for n, d in deltas.items() if d and d > 0]
    if not names:
        return
    unknown = set(names) - set(RESOURCES)
    if unknown:
        raise ValueError('unknown quota resources: %s' % sorted(unknown))
    allowed = limits(s, project_id)
    used = _used(s, project_id, names, user_id, group_id)
    overs = [n for n in sorted(names) if allowed[n] >= 0 and
             used.get(n, 0) + deltas[n] > allowed[n]]
    if overs:
        raise exception.QuotaExceeded(
            overs=', '.join(overs),
            req=', '.join(str(deltas[n]) for n in overs),
            used=', '.join(str(used.get(n, 0)) for n in overs),
            allowed=', '.join(str(allowed[n]) for n in overs))


def get(project_id, user_id=None):
    """(limits, usage) of a project in one consistent read."""
    with session.reader() as s:
        return limits(s, project_id), usage(s, project_id, user_id)


def update(project_id, values, force=False):
    """Set limits; unless `force`, refuse one below what is in use.
    Returns the project's limits afterwards."""
    with session.writer() as s:
        used = usage(s, project_id)
        for name, limit in values.items():
            if name not in RESOURCES:
                raise ValueError('unknown quota resource: %s' % name)
            if not force and limit != -1 and limit < used.get(name, 0):
                raise exception.QuotaLimitTooLow(
                    limit=limit, resource=name, minimum=used[name])
        for name, limit in values.items():
            row = s.get(models.Quota, (project_id, name))
            if row is None:
                s.add(models.Quota(project_id=project_id, resource=name,
                                   hard_limit=limit))
            else:
                row.hard_limit = limit
        s.flush()
        return limits(s, project_id)


def delete(project_id):
    """Drop the project's overrides: it is back on the defaults."""
    with session.writer() as s:
        s.execute(sa.delete(models.Quota).where(
            models.Quota.project_id == project_id))
