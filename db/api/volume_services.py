"""Block-storage views of the service records: cinder's host matching
('vm' also matches the backends 'vm@lvm' and pools 'vm@lvm#p'), lookups
by host and binary, and the frozen flag of volume backends."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import services as db_services

VOLUME_BINARY = 'stratus-volume'


def _host_filter(column, value):
    """cinder's match levels: '#' in value: that pool only; '@': the
    backend and its pools; otherwise the host, its backends and pools."""
    conditions = [column == value]
    if '#' not in value:
        conditions.append(column.like(value + '#%'))
        if '@' not in value:
            conditions.append(column.like(value + '@%'))
    return sa.or_(*conditions)


def _query(host=None, binary=None, binaries=None, frozen=None):
    query = sa.select(models.Service).order_by(models.Service.id)
    if host:
        query = query.where(_host_filter(models.Service.host, host))
    if binary:
        query = query.filter_by(binary=binary)
    if binaries:
        query = query.where(models.Service.binary.in_(binaries))
    if frozen is not None:
        query = query.filter_by(frozen=frozen)
    return query


def service_list(host=None, binary=None, binaries=None, is_up=None):
    with session.reader() as s:
        now = models.utcnow()
        rows = [db_services._view(row, now)
                for row in s.scalars(_query(host, binary, binaries))]
    if is_up is not None:
        rows = [row for row in rows if row['is_up'] == is_up]
    return rows


def service_get_by_args(host, binary, binaries=None):
    """The first service of `binary` (one of `binaries`, when given)
    matching `host`; cinder's 404."""
    with session.reader() as s:
        row = s.scalars(_query(host, binary, binaries)).first()
        if row is None:
            raise exception.VolumeServiceNotFound(service_id=binary,
                                                  host=host)
        return db_services._view(row)


def service_update(service_id, values):
    return db_services.service_update(service_id, values)


def change_frozen(host, expected, new):
    """Flip `frozen` of the volume services matching `host` from
    `expected` to `new` (cinder's conditional update); returns
    (changed, not_changed) host lists. Raises VolumeServiceNotFound
    when no volume service matches."""
    db_services.GENERATION[0] += 1
    with session.writer() as s:
        rows = list(s.scalars(_query(host, VOLUME_BINARY)))
        if not rows:
            raise exception.VolumeServiceNotFound(
                message='No service found with host=%s' % host)
        changed, not_changed = [], []
        for row in rows:
            if bool(row.frozen) == expected:
                row.frozen = new
                changed.append(row.host)
            else:
                not_changed.append(row.host)
        return changed, not_changed


_FROZEN = sa.select(models.Service.frozen).where(
    models.Service.host == sa.bindparam('backend'),
    models.Service.binary == sa.bindparam('binary'))


def is_backend_frozen(host):
    """Whether the volume service of `host` (host@backend[#pool]) is
    frozen."""
    if not host:
        return False
    backend = host.partition('#')[0]
    with session.reader() as s:
        # Built once: each volume delete and snapshot change asks.
        return bool(s.scalar(_FROZEN, {'backend': backend,
                                       'binary': VOLUME_BINARY}))


def backend_usage(backend):
    """{project: (volumes, their GiB, snapshots, their GiB)} of the live
    volumes on `backend` (host@backend) and their snapshots."""
    on_backend = sa.and_(_host_filter(models.Volume.host, backend),
                         models.Volume.deleted.is_(False))
    usage = {}
    with session.reader() as s:
        for project, count, size in s.execute(
                sa.select(models.Volume.project_id, sa.func.count(),
                          sa.func.coalesce(sa.func.sum(models.Volume.size),
                                           0))
                .where(on_backend).group_by(models.Volume.project_id)):
            usage[project] = [count, size, 0, 0]
        for project, count, size in s.execute(
                sa.select(models.Snapshot.project_id, sa.func.count(),
                          sa.func.coalesce(
                              sa.func.sum(models.Snapshot.volume_size), 0))
                .join(models.Volume,
                      models.Volume.id == models.Snapshot.volume_id)
                .where(on_backend, models.Snapshot.deleted.is_(False))
                .group_by(models.Snapshot.project_id)):
            if project in usage:
                usage[project][2:] = [count, size]
    return {project: tuple(values) for project, values in usage.items()}
