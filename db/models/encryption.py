"""Volume type encryption (cinder's ``encryption`` table): at most one
spec per type; a type with one is an encrypted type."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base, Timestamps

__all__ = ['VolumeTypeEncryption', 'VolumeQuotaClass']


class VolumeTypeEncryption(Timestamps, Base):
    __tablename__ = 'volume_type_encryption'
    encryption_id: Mapped[str] = mapped_column(sa.String(36),
                                               primary_key=True)
    volume_type_id: Mapped[str] = mapped_column(
        sa.ForeignKey('volume_types.id', ondelete='CASCADE'), unique=True)
    provider: Mapped[str | None] = mapped_column(sa.String(255))
    cipher: Mapped[str | None] = mapped_column(sa.String(255))
    key_size: Mapped[int | None]
    control_location: Mapped[str | None] = mapped_column(sa.String(255))


class VolumeQuotaClass(Base):
    """A quota class's limit for one volume resource (cinder's
    quota_classes): the 'default' class overrides the [quota] options as
    every project's defaults. Kept here, beside the other admin-managed
    volume tables."""
    __tablename__ = 'volume_quota_classes'
    class_name: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    resource: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    hard_limit: Mapped[int]
