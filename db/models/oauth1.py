"""OS-OAUTH1: consumers, request tokens (until exchanged), access tokens
and the access token a keystone token was issued from. The consumer's
secret is kept in clear, as keystone keeps it: HMAC-SHA1 signatures are
checked with it."""
import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base

__all__ = ['OAuth1Consumer', 'OAuth1RequestToken', 'OAuth1AccessToken',
           'OAuth1Token']


class OAuth1Consumer(Base):
    __tablename__ = 'oauth1_consumers'
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    description: Mapped[str | None] = mapped_column(sa.Text)
    secret: Mapped[str] = mapped_column(sa.String(64))
    extra: Mapped[dict | None] = mapped_column(sa.JSON)


class OAuth1RequestToken(Base):
    __tablename__ = 'oauth1_request_tokens'
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    request_secret: Mapped[str] = mapped_column(sa.String(64))
    verifier: Mapped[str | None] = mapped_column(sa.String(64))
    authorizing_user_id: Mapped[str | None] = mapped_column(sa.String(64))
    requested_project_id: Mapped[str] = mapped_column(sa.String(64))
    role_ids: Mapped[list | None] = mapped_column(sa.JSON)
    consumer_id: Mapped[str] = mapped_column(
        sa.ForeignKey('oauth1_consumers.id', ondelete='CASCADE'), index=True)
    expires_at: Mapped[datetime.datetime | None] = mapped_column()


class OAuth1AccessToken(Base):
    __tablename__ = 'oauth1_access_tokens'
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    access_secret: Mapped[str] = mapped_column(sa.String(64))
    authorizing_user_id: Mapped[str] = mapped_column(sa.String(64),
                                                     index=True)
    project_id: Mapped[str] = mapped_column(sa.String(64))
    role_ids: Mapped[list] = mapped_column(sa.JSON)
    consumer_id: Mapped[str] = mapped_column(
        sa.ForeignKey('oauth1_consumers.id', ondelete='CASCADE'), index=True)
    expires_at: Mapped[datetime.datetime | None] = mapped_column()


class OAuth1Token(Base):
    """The access token a keystone token was issued from (digest of
    tokens.digest); a separate table so the tokens table stays as it is."""
    __tablename__ = 'oauth1_tokens'
    token_digest: Mapped[str] = mapped_column(
        sa.ForeignKey('tokens.digest', ondelete='CASCADE'), primary_key=True)
    access_token_id: Mapped[str] = mapped_column(sa.String(64), index=True)
