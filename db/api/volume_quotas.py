"""Volume quotas: limits (defaults from [quota], overrides in
volume_quotas), usage counted from the volume and snapshot rows, and
reservations that hold quota between a request's check and its row.

Usage is counted, never tracked, as db/api/quotas.py does for compute; a
reservation row is what cinder's reserve/commit become: ``reserve`` checks
and inserts in one write transaction (so two requests cannot both take the
last unit), ``commit`` drops the reservation once the resource's own row
counts, ``rollback`` drops it when the request failed. A volume whose
create failed stops counting (use_quota False): its quota went back.

Per-type resources (``volumes_<type>``, ``gigabytes_<type>``,
``snapshots_<type>``) are unlimited unless set, as in cinder.
"""
import datetime
import uuid

import sqlalchemy as sa

from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db import models
from stratus.db import session
from stratus.db.api import volume_quota_classes

RESOURCES = ('volumes', 'snapshots', 'gigabytes', 'backups',
             'backup_gigabytes', 'per_volume_gigabytes', 'groups')
PER_TYPE = ('volumes', 'gigabytes', 'snapshots')
# Resources with no rows of their own among volumes and snapshots: start
# at zero (backups are added from their table below).
NOT_COUNTED = ('backups', 'backup_gigabytes', 'per_volume_gigabytes')


def _type_names(s):
    return dict(s.execute(sa.select(models.VolumeType.id,
                                    models.VolumeType.name)).all())


def _option_defaults(s, names):
    values = {name: getattr(CONF.quota, name) for name in RESOURCES}
    if names is None:
        names = _type_names(s)
    for type_name in sorted(names.values()):
        for resource in PER_TYPE:
            values['%s_%s' % (resource, type_name)] = -1
    return values


def defaults(s=None, names=None):
    if s is None:
        with session.reader() as s:
            return defaults(s, names)
    values = _option_defaults(s, names)
    # The 'default' quota class overrides the options (os-quota-class-sets).
    values.update({k: v for k, v in volume_quota_classes.class_limits(
        s, volume_quota_classes.DEFAULT_CLASS).items() if k in values})
    return values


# The 'default' class's limits, then the project's own (built once).
_LIMITS = sa.union_all(
    sa.select(sa.literal(0).label('rank'), models.VolumeQuotaClass.resource,
              models.VolumeQuotaClass.hard_limit).where(
        models.VolumeQuotaClass.class_name ==
        volume_quota_classes.DEFAULT_CLASS),
    sa.select(sa.literal(1).label('rank'), models.VolumeQuota.resource,
              models.VolumeQuota.hard_limit).where(
        models.VolumeQuota.project_id == sa.bindparam('project_id')),
).order_by('rank')


def limits(s, project_id, names=None):
    """The project's limits: its own over the 'default' class over the
    options, read in one query (each volume create asks)."""
    values = _option_defaults(s, names)
    rows = s.execute(_LIMITS, {'project_id': project_id}).all()
    for _rank, resource, hard_limit in rows:
        if resource in values:
            values[resource] = hard_limit
    return values


def _live_volumes(project_id):
    return (models.Volume.project_id == project_id,
            models.Volume.deleted.is_(False),
            models.Volume.use_quota.is_(True))


def usage(s, project_id, names=None, only=None):
    """{resource: in use} of the project, per-type resources included.
    `only`: the resources wanted (a reservation's); groups and backups are
    counted only when among them (0 otherwise)."""
    names = _type_names(s) if names is None else names
    values = {name: 0 for name in RESOURCES if name in NOT_COUNTED}
    values.update({'volumes': 0, 'gigabytes': 0, 'snapshots': 0})
    values['groups'] = 0
    if only is None or 'groups' in only:
        values['groups'] = s.scalar(
            sa.select(sa.func.count(models.Group.id)).where(
                models.Group.project_id == project_id,
                models.Group.deleted.is_(False)))
    for type_name in names.values():
        for resource in PER_TYPE:
            values['%s_%s' % (resource, type_name)] = 0
    volumes = s.execute(
        sa.select(models.Volume.volume_type_id, sa.func.count(),
                  sa.func.coalesce(sa.func.sum(models.Volume.size), 0))
        .where(*_live_volumes(project_id))
        .group_by(models.Volume.volume_type_id)).all()
    snapshots = s.execute(
        sa.select(models.Snapshot.volume_type_id, sa.func.count(),
                  sa.func.coalesce(sa.func.sum(models.Snapshot.volume_size),
                                   0))
        .where(models.Snapshot.project_id == project_id,
               models.Snapshot.deleted.is_(False),
               models.Snapshot.use_quota.is_(True))
        .group_by(models.Snapshot.volume_type_id)).all()
    snap_gb = not CONF.no_snapshot_gb_quota
    for rows, count_key, with_gb in ((volumes, 'volumes', True),
                                     (snapshots, 'snapshots', snap_gb)):
        for type_id, count, size in rows:
            keys = [count_key]
            gb_keys = ['gigabytes'] if with_gb else []
            if type_id in names:
                keys.append('%s_%s' % (count_key, names[type_id]))
                if with_gb:
                    gb_keys.append('gigabytes_%s' % names[type_id])
            for key in keys:
                values[key] += count
            for key in gb_keys:
                values[key] += int(size)
    if only is not None and not {'backups', 'backup_gigabytes'} & set(only):
        return values
    # Every live backup counts, in error too (cinder's usage).
    count, size = s.execute(
        sa.select(sa.func.count(models.Backup.id),
                  sa.func.coalesce(sa.func.sum(models.Backup.size), 0))
        .where(models.Backup.project_id == project_id,
               models.Backup.deleted.is_(False))).one()
    values['backups'] += count
    values['backup_gigabytes'] += int(size)
    return values


def reserved(s, project_id, now=None):
    now = now or models.utcnow()
    rows = s.execute(
        sa.select(models.VolumeReservation.resource,
                  sa.func.sum(models.VolumeReservation.delta))
        .where(models.VolumeReservation.project_id == project_id,
               models.VolumeReservation.expire > now)
        .group_by(models.VolumeReservation.resource)).all()
    return {resource: int(total) for resource, total in rows}


def get(project_id):
    """(limits, usage, reserved) of a project in one consistent read."""
    with session.reader() as s:
        names = _type_names(s)
        return (limits(s, project_id, names), usage(s, project_id, names),
                reserved(s, project_id))


def check_volume_size(size, project_id=None):
    """per_volume_gigabytes: the largest volume one may have."""
    with session.reader() as s:
        limit = (limits(s, project_id) if project_id else defaults(s))[
            'per_volume_gigabytes']
    if limit >= 0 and size > limit:
        raise exception.VolumeSizeExceedsLimit(size=size, limit=limit)


def _over_quota(overs, deltas, allowed, consumed):
    """The cinder exception for the first resource over its limit."""
    for over in overs:
        if over == 'backup_gigabytes':
            raise exception.VolumeBackupSizeExceedsAvailableQuota(
                requested=deltas[over], quota=allowed[over],
                consumed=consumed[over])
        if over == 'backups':
            raise exception.BackupLimitExceeded(allowed=allowed[over])
        if 'gigabytes' in over:
            raise exception.VolumeSizeExceedsAvailableQuota(
                name=over, requested=deltas[over], quota=allowed[over],
                consumed=consumed[over])
    for over in overs:
        if over.startswith('volumes'):
            raise exception.VolumeLimitExceeded(allowed=allowed[over],
                                                name=over)
        if over.startswith('snapshots'):
            raise exception.SnapshotLimitExceeded(allowed=allowed[over])
        if over == 'groups':
            raise exception.GroupLimitExceeded(allowed=allowed[over])
    raise exception.VolumeQuotaError(code=413)


def _unlimited(allowed, deltas, volume_size):
    """True when no limit applies to `deltas` (nor to the volume's size):
    nothing to count and nothing to hold, so no write."""
    if volume_size is not None and allowed['per_volume_gigabytes'] >= 0:
        return False
    return all(allowed.get(name, -1) < 0 for name, amount in deltas.items()
               if amount > 0)


def reserve(project_id, deltas, volume_size=None):
    """Reservation ids holding `deltas` ({resource: amount}) for the
    project, or the quota error of the first resource it would exceed.
    `volume_size`: also check per_volume_gigabytes for a volume of that
    size."""
    deltas = {name: amount for name, amount in deltas.items() if amount}
    if not deltas and volume_size is None:
        return []
    # Limits are read before the write lock (every daemon's writers queue
    # on it): a limit set meanwhile applies from the next request on, as
    # if it had been set just after this read.
    with session.reader() as s:
        names = _type_names(s)
        allowed = limits(s, project_id, names)
    if _unlimited(allowed, deltas, volume_size):
        return []
    now = models.utcnow()
    with session.writer() as s:
        largest = allowed['per_volume_gigabytes']
        if volume_size is not None and 0 <= largest < volume_size:
            raise exception.VolumeSizeExceedsLimit(size=volume_size,
                                                   limit=largest)
        used = usage(s, project_id, names, only=deltas)
        held = reserved(s, project_id, now)
        consumed = {name: used.get(name, 0) + held.get(name, 0)
                    for name in deltas}
        overs = [name for name, amount in sorted(deltas.items())
                 if amount > 0 and allowed.get(name, -1) >= 0 and
                 consumed[name] + amount > allowed[name]]
        if overs:
            _over_quota(overs, deltas, allowed, consumed)
        expire = now + datetime.timedelta(seconds=CONF.reservation_expire)
        ids = []
        for name, amount in deltas.items():
            row = models.VolumeReservation(
                id=str(uuid.uuid4()), project_id=project_id, resource=name,
                delta=amount, expire=expire)
            s.add(row)
            ids.append(row.id)
        return ids


def _drop(reservation_ids, s=None):
    if not reservation_ids:
        return
    statement = sa.delete(models.VolumeReservation).where(
        models.VolumeReservation.id.in_(list(reservation_ids)))
    if s is not None:
        s.execute(statement)
        return
    with session.writer() as s:
        s.execute(statement)


def commit(reservation_ids, s=None):
    """The resource's own row now counts; the reservation goes."""
    _drop(reservation_ids, s)


def rollback(reservation_ids, s=None):
    _drop(reservation_ids, s)


def deltas_for(resource, size, type_name=None, count=1):
    """{resource: count, gigabytes: size} plus the per-type keys."""
    deltas = {resource: count}
    if resource == 'volumes' or not CONF.no_snapshot_gb_quota:
        deltas['gigabytes'] = size
    if type_name:
        for key, value in list(deltas.items()):
            deltas['%s_%s' % (key, type_name)] = value
    return deltas


def update(project_id, values, skip_validation=True):
    """Set limits; with validation, refuse one below what is in use.
    Returns the project's limits afterwards."""
    with session.writer() as s:
        known = limits(s, project_id)
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise exception.Invalid(
                reason='Bad key(s) in quota set: %s' % ', '.join(unknown))
        if not skip_validation:
            used = usage(s, project_id)
            held = reserved(s, project_id)
            for name, limit in values.items():
                in_use = used.get(name, 0) + held.get(name, 0)
                if limit != -1 and limit < in_use:
                    raise exception.Invalid(
                        reason="Quota limit invalid for project '%s' for "
                               "resource '%s': limit of %d is less than "
                               "in-use value of %d" % (project_id, name,
                                                        limit, in_use))
        for name, limit in values.items():
            row = s.get(models.VolumeQuota, (project_id, name))
            if row is None:
                s.add(models.VolumeQuota(project_id=project_id,
                                         resource=name, hard_limit=limit))
            else:
                row.hard_limit = limit
        s.flush()
        return limits(s, project_id)


def delete(project_id):
    """Drop the project's overrides: it is back on the defaults."""
    with session.writer() as s:
        s.execute(sa.delete(models.VolumeQuota).where(
            models.VolumeQuota.project_id == project_id))
