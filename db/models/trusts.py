"""OS-TRUST: a trustor delegating some of its roles on a project to a
trustee; the tokens issued through a trust; and the revocation events
keystone records (OS-REVOKE)."""
import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base

__all__ = ['Trust', 'TrustRole', 'TrustToken', 'RevocationEvent']


class Trust(Base):
    """Deleted trusts stay as rows with deleted_at (as keystone keeps
    them) so that a redelegation chain can still be followed."""
    __tablename__ = 'trusts'
    __table_args__ = (sa.UniqueConstraint(
        'trustor_user_id', 'trustee_user_id', 'project_id', 'impersonation',
        'expires_at', name='uniq_trusts0duplicate'),)
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    trustor_user_id: Mapped[str] = mapped_column(sa.String(64), index=True)
    trustee_user_id: Mapped[str] = mapped_column(sa.String(64), index=True)
    project_id: Mapped[str | None] = mapped_column(sa.String(64))
    impersonation: Mapped[bool]
    expires_at: Mapped[datetime.datetime | None]
    remaining_uses: Mapped[int | None]
    deleted_at: Mapped[datetime.datetime | None]
    redelegated_trust_id: Mapped[str | None] = mapped_column(sa.String(64))
    redelegation_count: Mapped[int | None]
    extra: Mapped[dict | None] = mapped_column(sa.JSON)


class TrustRole(Base):
    __tablename__ = 'trust_roles'
    trust_id: Mapped[str] = mapped_column(
        sa.ForeignKey('trusts.id', ondelete='CASCADE'), primary_key=True)
    role_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)


class TrustToken(Base):
    """Which trust a token was issued through (by the token's digest)."""
    __tablename__ = 'trust_tokens'
    token_digest: Mapped[str] = mapped_column(
        sa.ForeignKey('tokens.digest', ondelete='CASCADE'), primary_key=True)
    trust_id: Mapped[str] = mapped_column(sa.String(64), index=True)


class RevocationEvent(Base):
    """What a revocation covered (the fields keystone's events carry)."""
    __tablename__ = 'revocation_events'
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[str | None] = mapped_column(sa.String(64))
    project_id: Mapped[str | None] = mapped_column(sa.String(64))
    domain_id: Mapped[str | None] = mapped_column(sa.String(64))
    role_id: Mapped[str | None] = mapped_column(sa.String(64))
    trust_id: Mapped[str | None] = mapped_column(sa.String(64))
    audit_id: Mapped[str | None] = mapped_column(sa.String(32))
    audit_chain_id: Mapped[str | None] = mapped_column(sa.String(32))
    expires_at: Mapped[datetime.datetime | None]
    issued_before: Mapped[datetime.datetime]
    revoked_at: Mapped[datetime.datetime] = mapped_column(index=True)
