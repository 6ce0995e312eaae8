"""What a backend's manageable listings compare against: the ids of the
live volumes and snapshots on one backend (host@backend)."""
import sqlalchemy as sa

from stratus.db import models
from stratus.db import session


def _on_backend(column, backend):
    return sa.or_(column == backend, column.like(backend + '#%'))


def volumes_on_backend(backend):
    with session.reader() as s:
        return [{'id': i} for i in s.scalars(sa.select(models.Volume.id).where(
            models.Volume.deleted.is_(False),
            _on_backend(models.Volume.host, backend)))]


def snapshots_on_backend(backend):
    with session.reader() as s:
        return [{'id': i} for i in s.scalars(
            sa.select(models.Snapshot.id).join(
                models.Volume, models.Volume.id == models.Snapshot.volume_id)
            .where(models.Snapshot.deleted.is_(False),
                   _on_backend(models.Volume.host, backend)))]
