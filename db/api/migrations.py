"""Listing migrations (cold, resize, live, evacuation) for the admin
os-migrations API."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session


def _flavor_ids(s, flavorids):
    """{flavorid: flavors.id}: the API shows the internal integer ids."""
    flavorids = {f for f in flavorids if f is not None}
    if not flavorids:
        return {}
    rows = s.execute(sa.select(models.Flavor.flavorid, models.Flavor.id)
                     .where(models.Flavor.flavorid.in_(flavorids)))
    return dict(rows.all())


def _after(s, query, marker):
    """Rows that sort after the migration of uuid `marker` (newest
    first). MarkerNotFound if there is no such migration."""
    m = models.Migration
    row = s.scalars(sa.select(m).filter_by(uuid=marker)).first()
    if row is None:
        raise exception.MarkerNotFound(marker=marker)
    return query.where(sa.or_(
        m.created_at < row.created_at,
        sa.and_(m.created_at == row.created_at, m.id < row.id)))


def migration_list(*, host=None, status=None, instance_uuid=None,
                   migration_type=None, source_compute=None, user_id=None,
                   project_id=None, changes_since=None, changes_before=None,
                   marker=None, limit=None):
    """Newest first. `host` matches the source or the destination compute;
    changes-since/-before bound the last change (updated_at, else
    created_at). Each row gains old_instance_type_id /
    new_instance_type_id (None when the flavor is gone)."""
    m = models.Migration
    query = sa.select(m).order_by(m.created_at.desc(), m.id.desc())
    if host:
        query = query.where(sa.or_(m.source_compute == host,
                                   m.dest_compute == host))
    for column, value in ((m.status, status),
                          (m.instance_uuid, instance_uuid),
                          (m.migration_type, migration_type),
                          (m.source_compute, source_compute),
                          (m.user_id, user_id), (m.project_id, project_id)):
        if value:
            query = query.where(column == value)
    changed = sa.func.coalesce(m.updated_at, m.created_at)
    if changes_since is not None:
        query = query.where(changed >= changes_since)
    if changes_before is not None:
        query = query.where(changed <= changes_before)
    with session.reader() as s:
        if marker is not None:
            query = _after(s, query, marker)
        if limit is not None:
            query = query.limit(limit)
        rows = [row.to_dict() for row in s.scalars(query)]
        ids = _flavor_ids(s, [r['old_flavor_id'] for r in rows] +
                          [r['new_flavor_id'] for r in rows])
    for row in rows:
        row['old_instance_type_id'] = ids.get(row['old_flavor_id'])
        row['new_instance_type_id'] = ids.get(row['new_flavor_id'])
    return rows
