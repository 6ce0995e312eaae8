"""Host aggregates: named sets of compute hosts with key/value metadata
(an `availability_zone` key makes the hosts a zone)."""
import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base, utcnow

__all__ = ['Aggregate', 'AggregateHost', 'AggregateMetadata']


class Aggregate(Base):
    __tablename__ = 'aggregates'
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(sa.String(36), unique=True)
    name: Mapped[str] = mapped_column(sa.String(255), unique=True)
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)
    # Set by update and set_metadata only (nova leaves it on host changes).
    updated_at: Mapped[datetime.datetime | None]


class AggregateHost(Base):
    __tablename__ = 'aggregate_hosts'
    aggregate_id: Mapped[int] = mapped_column(
        sa.ForeignKey('aggregates.id', ondelete='CASCADE'), primary_key=True)
    host: Mapped[str] = mapped_column(sa.String(255), primary_key=True)


class AggregateMetadata(Base):
    __tablename__ = 'aggregate_metadata'
    aggregate_id: Mapped[int] = mapped_column(
        sa.ForeignKey('aggregates.id', ondelete='CASCADE'), primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(255))
