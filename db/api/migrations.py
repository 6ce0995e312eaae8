"""Listing migrations (cold, resize, live, evacuation) for the admin
os-migrations API."""
import sqlalchemy as sa

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


def migration_list(*, host=None, status=None, instance_uuid=None,
                   migration_type=None, source_compute=None):
    """Newest first. `host` matches the source or the destination compute;
    each row gains old_instance_type_id / new_instance_type_id (None when
    the flavor is gone)."""
    m = models.Migration
    query = sa.select(m).order_by(m.created_at.desc(), m.id.desc())
    if host:
        query = query.where(sa.or_(m.source_compute == host,
                                   m.dest_compute == host))
    for column, value in ((m.status, status),
                          (m.instance_uuid, instance_uuid),
                          (m.migration_type, migration_type),
                          (m.source_compute, source_compute)):
        if value:
            query = query.where(column == value)
    with session.reader() as s:
        rows = [row.to_dict() for row in s.scalars(query)]
        ids = _flavor_ids(s, [r['old_flavor_id'] for r in rows] +
                          [r['new_flavor_id'] for r in rows])
    for row in rows:
        row['old_instance_type_id'] = ids.get(row['old_flavor_id'])
        row['new_instance_type_id'] = ids.get(row['new_flavor_id'])
    return rows
