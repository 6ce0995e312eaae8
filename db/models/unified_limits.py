"""Keystone unified limits: registered limits (a service's default for a
resource, optionally per region) and limits (a project's or a domain's
override of one registered limit).

Stored and served for tooling only: the compute and block-storage quota
APIs keep their own quotas (see doc/api/identity-v3.md)."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base

__all__ = ['RegisteredLimit', 'UnifiedLimit']


class RegisteredLimit(Base):
    """Unique per (service_id, region_id, resource_name), checked in
    db/api/unified_limits.py: region_id may be NULL, which a UNIQUE
    constraint would not compare."""
    __tablename__ = 'registered_limits'
    # Listings keep creation order, as keystone's do.
    internal_id: Mapped[int] = mapped_column(sa.Integer, primary_key=True,
                                             autoincrement=True)
    id: Mapped[str] = mapped_column(sa.String(64), unique=True)
    service_id: Mapped[str] = mapped_column(
        sa.ForeignKey('catalog_services.id'), index=True)
    region_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey('regions.id'), nullable=True)
    resource_name: Mapped[str] = mapped_column(sa.String(255))
    default_limit: Mapped[int] = mapped_column(sa.Integer)
    description: Mapped[str | None] = mapped_column(sa.Text)


class UnifiedLimit(Base):
    """A limit of a project or (project_id NULL) a domain. Deleting the
    project or domain deletes its limits, as keystone does."""
    __tablename__ = 'unified_limits'
    internal_id: Mapped[int] = mapped_column(sa.Integer, primary_key=True,
                                             autoincrement=True)
    id: Mapped[str] = mapped_column(sa.String(64), unique=True)
    project_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey('projects.id', ondelete='CASCADE'), nullable=True,
        index=True)
    domain_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey('domains.id', ondelete='CASCADE'), nullable=True,
        index=True)
    registered_limit_id: Mapped[str] = mapped_column(
        sa.ForeignKey('registered_limits.id'), index=True)
    resource_limit: Mapped[int] = mapped_column(sa.Integer)
    description: Mapped[str | None] = mapped_column(sa.Text)
