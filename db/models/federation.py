"""OS-FEDERATION: identity providers (with their remote ids and
protocols), attribute mappings and service providers.

An identity provider belongs to a domain (its federated users live
there) and goes with it; protocols and remote ids go with their IdP.
Protocols name a mapping without a foreign key: keystone lets a mapping
in use be deleted."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base

__all__ = ['IdentityProvider', 'IdpRemoteId', 'FederationProtocol',
           'FederationMapping', 'ServiceProvider']


class IdentityProvider(Base):
    __tablename__ = 'identity_providers'
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    domain_id: Mapped[str] = mapped_column(
        sa.ForeignKey('domains.id', ondelete='CASCADE'), index=True)
    enabled: Mapped[bool] = mapped_column(default=False)
    description: Mapped[str | None] = mapped_column(sa.Text)
    authorization_ttl: Mapped[int | None] = mapped_column(sa.Integer)


class IdpRemoteId(Base):
    """A remote id names one IdP only (keystone's 409 otherwise)."""
    __tablename__ = 'idp_remote_ids'
    remote_id: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    idp_id: Mapped[str] = mapped_column(
        sa.ForeignKey('identity_providers.id', ondelete='CASCADE'),
        index=True)


class FederationProtocol(Base):
    __tablename__ = 'federation_protocols'
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    idp_id: Mapped[str] = mapped_column(
        sa.ForeignKey('identity_providers.id', ondelete='CASCADE'),
        primary_key=True)
    mapping_id: Mapped[str] = mapped_column(sa.String(64))
    remote_id_attribute: Mapped[str | None] = mapped_column(sa.String(64))


class FederationMapping(Base):
    __tablename__ = 'federation_mappings'
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    rules: Mapped[list] = mapped_column(sa.JSON)
    schema_version: Mapped[str] = mapped_column(sa.String(5), default='1.0')


class ServiceProvider(Base):
    __tablename__ = 'service_providers'
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    enabled: Mapped[bool] = mapped_column(default=False)
    description: Mapped[str | None] = mapped_column(sa.Text)
    auth_url: Mapped[str] = mapped_column(sa.String(256))
    sp_url: Mapped[str] = mapped_column(sa.String(256))
    relay_state_prefix: Mapped[str] = mapped_column(sa.String(256))
