"""Migration records as resize and cold migration move through their
statuses (pre-migrating, migrating, post-migrating, finished, confirming,
confirmed, reverting, reverted, error). Listing is in migrations.py."""
import uuid as uuidlib

import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session


def create(values):
    with session.writer() as s:
        row = models.Migration(uuid=str(uuidlib.uuid4()), **values)
        s.add(row)
        s.flush()
        return row.to_dict()


def _get(s, migration_uuid):
    row = s.scalars(sa.select(models.Migration).filter_by(
        uuid=migration_uuid)).first()
    if row is None:
        raise exception.MigrationNotFound(migration_id=migration_uuid)
    return row


def get(migration_uuid):
    with session.reader() as s:
        return _get(s, migration_uuid).to_dict()


def update(migration_uuid, values):
    with session.writer() as s:
        return update_in(s, migration_uuid, values)


def update_in(s, migration_uuid, values):
    """update() inside the caller's write (session `s`)."""
    row = _get(s, migration_uuid)
    for key, value in values.items():
        setattr(row, key, value)
    s.flush()
    return row.to_dict()


def in_progress_for(instance_uuid):
    """The instance's unconfirmed migration (status finished), if any."""
    with session.reader() as s:
        row = s.scalars(sa.select(models.Migration).filter_by(
            instance_uuid=instance_uuid, status='finished').order_by(
            models.Migration.id.desc())).first()
        return row.to_dict() if row else None


# Statuses in which an instance has no migration context in nova (not
# yet, or no longer).
FINISHED = ('confirmed', 'reverted', 'error', 'failed', 'completed', 'done',
            'cancelled', 'accepted')


def moving(instance_uuid):
    """The instance's newest migration still under way (nova keeps a
    migration context for it), if any."""
    model = models.Migration
    with session.reader() as s:
        row = s.scalars(sa.select(model).where(
            model.instance_uuid == instance_uuid,
            model.status.not_in(FINISHED)).order_by(model.id.desc())).first()
        return row.to_dict() if row else None
