"""Compute flavors, their extra specs and project access."""
import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base, utcnow

__all__ = ['Flavor', 'FlavorExtraSpec', 'FlavorProject']


class Flavor(Base):
    __tablename__ = 'flavors'
    id: Mapped[int] = mapped_column(primary_key=True)
    flavorid: Mapped[str] = mapped_column(sa.String(255), unique=True)
    name: Mapped[str] = mapped_column(sa.String(255), unique=True)
    memory_mb: Mapped[int]
    vcpus: Mapped[int]
    root_gb: Mapped[int] = mapped_column(default=0)
    ephemeral_gb: Mapped[int] = mapped_column(default=0)
    swap: Mapped[int] = mapped_column(default=0)
    rxtx_factor: Mapped[float] = mapped_column(default=1.0)
    is_public: Mapped[bool] = mapped_column(default=True)
    disabled: Mapped[bool] = mapped_column(default=False)
    description: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)


class FlavorExtraSpec(Base):
    __tablename__ = 'flavor_extra_specs'
    flavor_id: Mapped[int] = mapped_column(
        sa.ForeignKey('flavors.id', ondelete='CASCADE'), primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(255))


class FlavorProject(Base):
    __tablename__ = 'flavor_projects'
    flavor_id: Mapped[int] = mapped_column(
        sa.ForeignKey('flavors.id', ondelete='CASCADE'), primary_key=True)
    project_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
