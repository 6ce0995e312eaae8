"""Keystone credentials (ec2 access/secret pairs, certificates, ...) of a
user; the blob is stored encrypted (common/credential_crypt)."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base

__all__ = ['Credential']


class Credential(Base):
    __tablename__ = 'credentials'
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(
        sa.ForeignKey('users.id', ondelete='CASCADE'), index=True)
    project_id: Mapped[str | None] = mapped_column(sa.String(64))
    type: Mapped[str] = mapped_column(sa.String(255))
    encrypted_blob: Mapped[str] = mapped_column(sa.Text)
    # Attributes keystone does not know, kept and returned as given.
    extra: Mapped[dict | None] = mapped_column(sa.JSON)
