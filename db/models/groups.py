"""Generic volume groups, group types and group snapshots (cinder's
groups, group_types, group_type_specs, group_volume_type_mapping and
group_snapshots)."""
import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base, Timestamps

__all__ = ['GroupType', 'GroupTypeSpec', 'Group', 'GroupVolumeTypeMapping',
           'GroupSnapshot']


class GroupType(Timestamps, Base):
    __tablename__ = 'group_types'
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255), unique=True)
    description: Mapped[str | None] = mapped_column(sa.String(255))
    is_public: Mapped[bool] = mapped_column(default=True)


class GroupTypeSpec(Base):
    __tablename__ = 'group_type_specs'
    group_type_id: Mapped[str] = mapped_column(
        sa.ForeignKey('group_types.id', ondelete='CASCADE'),
        primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    value: Mapped[str | None] = mapped_column(sa.String(255))


class Group(Timestamps, Base):
    """A group of volumes. ``host`` is the pool (host@backend#pool) its
    volumes live on once placed. Deleted rows stay (deleted=True)."""
    __tablename__ = 'groups'
    __table_args__ = (sa.Index('groups_project_deleted', 'project_id',
                               'deleted'),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    project_id: Mapped[str] = mapped_column(sa.String(64))
    user_id: Mapped[str] = mapped_column(sa.String(64))
    host: Mapped[str | None] = mapped_column(sa.String(255))
    availability_zone: Mapped[str | None] = mapped_column(sa.String(255))
    name: Mapped[str | None] = mapped_column(sa.String(255))
    description: Mapped[str | None] = mapped_column(sa.String(255))
    status: Mapped[str] = mapped_column(sa.String(255))
    # No foreign key: a group type may go once no live group uses it.
    group_type_id: Mapped[str] = mapped_column(sa.String(36))
    group_snapshot_id: Mapped[str | None] = mapped_column(sa.String(36))
    source_group_id: Mapped[str | None] = mapped_column(sa.String(36))
    replication_status: Mapped[str | None] = mapped_column(sa.String(255))
    deleted: Mapped[bool] = mapped_column(default=False)
    deleted_at: Mapped[datetime.datetime | None]


class GroupVolumeTypeMapping(Base):
    """The volume types a group's volumes may have."""
    __tablename__ = 'group_volume_type_mapping'
    group_id: Mapped[str] = mapped_column(
        sa.ForeignKey('groups.id', ondelete='CASCADE'), primary_key=True)
    volume_type_id: Mapped[str] = mapped_column(sa.String(36),
                                                primary_key=True)
    position: Mapped[int] = mapped_column(default=0)


class GroupSnapshot(Timestamps, Base):
    __tablename__ = 'group_snapshots'
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    group_id: Mapped[str] = mapped_column(sa.ForeignKey('groups.id'),
                                          index=True)
    project_id: Mapped[str] = mapped_column(sa.String(64), index=True)
    user_id: Mapped[str] = mapped_column(sa.String(64))
    name: Mapped[str | None] = mapped_column(sa.String(255))
    description: Mapped[str | None] = mapped_column(sa.String(255))
    status: Mapped[str] = mapped_column(sa.String(255))
    group_type_id: Mapped[str] = mapped_column(sa.String(36))
    deleted: Mapped[bool] = mapped_column(default=False)
    deleted_at: Mapped[datetime.datetime | None]
