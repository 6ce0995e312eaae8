"""Keystone's policy blobs (/v3/policies) and OS-ENDPOINT-POLICY's
associations of a policy with an endpoint, a service, or a service in a
region. Associations go with what they name (ON DELETE CASCADE)."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base

__all__ = ['Policy', 'PolicyAssociation']


class Policy(Base):
    __tablename__ = 'policies'
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    type: Mapped[str] = mapped_column(sa.String(255))
    blob: Mapped[str] = mapped_column(sa.Text)
    # Attributes keystone does not know, kept and returned as given.
    extra: Mapped[dict | None] = mapped_column(sa.JSON)


class PolicyAssociation(Base):
    """One of: endpoint_id alone, service_id alone, service_id+region_id.
    At most one policy per target: re-associating replaces the policy."""
    __tablename__ = 'policy_associations'
    __table_args__ = (sa.UniqueConstraint(
        'endpoint_id', 'service_id', 'region_id',
        name='uniq_policy_associations0target'),)
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    policy_id: Mapped[str] = mapped_column(
        sa.ForeignKey('policies.id', ondelete='CASCADE'), index=True)
    endpoint_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey('endpoints.id', ondelete='CASCADE'))
    service_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey('catalog_services.id', ondelete='CASCADE'))
    region_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey('regions.id', ondelete='CASCADE'))
