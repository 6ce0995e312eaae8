"""What live migration reads of the database: a host's compute nodes, and
a server's migrations by id (the per-server migrations API)."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session

# nova's in-progress live migration statuses (MigrationList
# .get_in_progress_by_instance with the 'live-migration' type).
IN_PROGRESS = ('queued', 'preparing', 'running', 'post-migrating')


def nodes_for_host(host):
    """The host's compute nodes (dicts); ComputeHostNotFound if none."""
    with session.reader() as s:
        rows = [r.to_dict() for r in s.scalars(
            sa.select(models.ComputeNode).filter_by(host=host).order_by(
                models.ComputeNode.id))]
    if not rows:
        raise exception.ComputeHostNotFound(host=host)
    return rows


def get_for_instance(migration_id, instance_uuid):
    """The migration of that integer id of the instance, else
    MigrationNotFoundForInstance (an id that is no integer is none)."""
    try:
        number = int(str(migration_id))
    except ValueError:
        number = None
    with session.reader() as s:
        row = None if number is None else s.scalars(
            sa.select(models.Migration).filter_by(
                id=number, instance_uuid=instance_uuid)).first()
        if row is None:
            raise exception.MigrationNotFoundForInstance(
                migration_id=migration_id, instance_id=instance_uuid)
        return row.to_dict()


def in_progress(instance_uuid, migration_type='live-migration'):
    """The instance's migrations of that type still in progress, oldest
    first."""
    m = models.Migration
    with session.reader() as s:
        return [r.to_dict() for r in s.scalars(
            sa.select(m).where(m.instance_uuid == instance_uuid,
                               m.migration_type == migration_type,
                               m.status.in_(IN_PROGRESS)).order_by(m.id))]
