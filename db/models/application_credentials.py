"""Keystone application credentials, their roles and access rules, and
which tokens were issued from which credential."""
import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base, utcnow

__all__ = ['ApplicationCredential', 'ApplicationCredentialRole',
           'AccessRule', 'ApplicationCredentialAccessRule',
           'ApplicationCredentialToken']


class ApplicationCredential(Base):
    """A delegation of some of a user's roles on one project; only a hash
    of the secret is kept."""
    __tablename__ = 'application_credentials'
    __table_args__ = (sa.UniqueConstraint(
        'user_id', 'name', name='uniq_application_credentials0user0name'),)
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    secret_hash: Mapped[str] = mapped_column(sa.String(255))
    description: Mapped[str | None] = mapped_column(sa.Text)
    user_id: Mapped[str] = mapped_column(
        sa.ForeignKey('users.id', ondelete='CASCADE'), index=True)
    project_id: Mapped[str] = mapped_column(sa.String(64), index=True)
    expires_at: Mapped[datetime.datetime | None]
    unrestricted: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)


class ApplicationCredentialRole(Base):
    __tablename__ = 'application_credential_roles'
    application_credential_id: Mapped[str] = mapped_column(
        sa.ForeignKey('application_credentials.id', ondelete='CASCADE'),
        primary_key=True)
    role_id: Mapped[str] = mapped_column(
        sa.ForeignKey('roles.id', ondelete='CASCADE'), primary_key=True)


class AccessRule(Base):
    """One service/method/path a credential may call; a user's rules are
    unique, and shared by the credentials that name them."""
    __tablename__ = 'access_rules'
    __table_args__ = (sa.UniqueConstraint(
        'user_id', 'service', 'path', 'method',
        name='uniq_access_rules0user0service0path0method'),)
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(
        sa.ForeignKey('users.id', ondelete='CASCADE'), index=True)
    service: Mapped[str] = mapped_column(sa.String(64))
    path: Mapped[str] = mapped_column(sa.String(225))
    method: Mapped[str] = mapped_column(sa.String(16))


class ApplicationCredentialAccessRule(Base):
    __tablename__ = 'application_credential_access_rules'
    application_credential_id: Mapped[str] = mapped_column(
        sa.ForeignKey('application_credentials.id', ondelete='CASCADE'),
        primary_key=True)
    access_rule_id: Mapped[str] = mapped_column(
        sa.ForeignKey('access_rules.id'), primary_key=True, index=True)


class ApplicationCredentialToken(Base):
    """The credential a token was issued from (the digest of tokens.digest);
    a separate table so the tokens table stays as it is."""
    __tablename__ = 'application_credential_tokens'
    token_digest: Mapped[str] = mapped_column(
        sa.ForeignKey('tokens.digest', ondelete='CASCADE'), primary_key=True)
    application_credential_id: Mapped[str] = mapped_column(sa.String(64),
                                                           index=True)
