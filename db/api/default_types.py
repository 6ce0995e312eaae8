"""Each project's default volume type (cinder's default_volume_types)."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import volume_types


def set_default(project_id, volume_type_id):
    with session.writer() as s:
        row = s.get(models.ProjectDefaultType, project_id)
        if row is None:
            row = models.ProjectDefaultType(project_id=project_id,
                                            volume_type_id=volume_type_id)
            s.add(row)
        else:
            row.volume_type_id = volume_type_id
        s.flush()
        return row.to_dict()


def get_default(project_id):
    """The project's default type row, or None."""
    with session.reader() as s:
        row = s.get(models.ProjectDefaultType, project_id)
        return row.to_dict() if row is not None else None


def list_defaults():
    with session.reader() as s:
        return [r.to_dict() for r in s.scalars(
            sa.select(models.ProjectDefaultType).order_by(
                models.ProjectDefaultType.project_id))]


def unset_default(project_id):
    """Silent when the project has none, as cinder's unset is."""
    with session.writer() as s:
        row = s.get(models.ProjectDefaultType, project_id)
        if row is not None:
            s.delete(row)


def in_use(volume_type_id):
    with session.reader() as s:
        return s.scalar(sa.select(sa.func.count()).select_from(
            models.ProjectDefaultType).where(
            models.ProjectDefaultType.volume_type_id == volume_type_id)) > 0


def effective_default(project_id):
    """The type a volume create naming none gets: the project's default
    when set (3.62), else the configured default_volume_type."""
    return volume_types.default_type(project_id)
