"""Block storage: volume backups (cinder's backups table; this cloud runs
no backup service, so rows only record what the API accepted and why it
went to error) and each project's default volume type (3.62)."""
import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base, Timestamps

__all__ = ['Backup', 'ProjectDefaultType']


class Backup(Timestamps, Base):
    """A backup record. Deleted rows stay (deleted=True), as cinder keeps
    them."""
    __tablename__ = 'backups'
    __table_args__ = (sa.Index('backups_project_deleted', 'project_id',
                               'deleted'),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    project_id: Mapped[str] = mapped_column(sa.String(64))
    user_id: Mapped[str] = mapped_column(sa.String(64))
    volume_id: Mapped[str] = mapped_column(sa.String(36))
    snapshot_id: Mapped[str | None] = mapped_column(sa.String(36))
    host: Mapped[str | None] = mapped_column(sa.String(255))
    availability_zone: Mapped[str | None] = mapped_column(sa.String(255))
    display_name: Mapped[str | None] = mapped_column(sa.String(255))
    display_description: Mapped[str | None] = mapped_column(sa.String(255))
    container: Mapped[str | None] = mapped_column(sa.String(255))
    parent_id: Mapped[str | None] = mapped_column(sa.String(36))
    status: Mapped[str] = mapped_column(sa.String(255))
    fail_reason: Mapped[str | None] = mapped_column(sa.String(255))
    size: Mapped[int]
    object_count: Mapped[int] = mapped_column(default=0)
    num_dependent_backups: Mapped[int] = mapped_column(default=0)
    data_timestamp: Mapped[datetime.datetime | None]
    # Backup metadata (3.43) as a JSON object.
    metadata_json: Mapped[str] = mapped_column(sa.Text, default='{}')
    deleted: Mapped[bool] = mapped_column(default=False)
    deleted_at: Mapped[datetime.datetime | None]


class ProjectDefaultType(Timestamps, Base):
    """The volume type a project's volumes get when a create names none
    (cinder's default_volume_types)."""
    __tablename__ = 'default_volume_types'
    project_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    volume_type_id: Mapped[str] = mapped_column(sa.String(36))
