"""Keystone v3 subset: domains, projects, users, roles, catalog, tokens."""
import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base, utcnow

__all__ = ['GLOBAL_ROLE_DOMAIN', 'Domain', 'Project', 'User', 'Role', 'RoleAssignment', 'Region', 'CatalogService', 'Endpoint', 'Token']


class Domain(Base):
    __tablename__ = 'domains'
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    description: Mapped[str | None] = mapped_column(sa.Text)
    enabled: Mapped[bool] = mapped_column(default=True)


class Project(Base):
    __tablename__ = 'projects'
    __table_args__ = (sa.UniqueConstraint('domain_id', 'name',
                                          name='uniq_projects0domain0name'),)
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(64))
    domain_id: Mapped[str] = mapped_column(sa.ForeignKey('domains.id'))
    description: Mapped[str | None] = mapped_column(sa.Text)
    enabled: Mapped[bool] = mapped_column(default=True)
    # Attributes keystone does not know, kept and returned as given.
    extra: Mapped[dict | None] = mapped_column(sa.JSON)


class User(Base):
    __tablename__ = 'users'
    __table_args__ = (sa.UniqueConstraint('domain_id', 'name',
                                          name='uniq_users0domain0name'),)
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    domain_id: Mapped[str] = mapped_column(sa.ForeignKey('domains.id'))
    password_hash: Mapped[str | None] = mapped_column(sa.String(128))
    email: Mapped[str | None] = mapped_column(sa.String(255))
    description: Mapped[str | None] = mapped_column(sa.Text)
    default_project_id: Mapped[str | None] = mapped_column(sa.String(64))
    enabled: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)


# domain_id of a global role: a value, not NULL, so that the unique
# (name, domain_id) pair also holds for global roles (as keystone stores it).
GLOBAL_ROLE_DOMAIN = '<<null>>'


class Role(Base):
    __tablename__ = 'roles'
    __table_args__ = (sa.UniqueConstraint('name', 'domain_id',
                                          name='uniq_roles0name0domain'),)
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    domain_id: Mapped[str] = mapped_column(sa.String(64),
                                           default=GLOBAL_ROLE_DOMAIN)
    description: Mapped[str | None] = mapped_column(sa.Text)


class RoleAssignment(Base):
    """A role of a user on a project or a domain (target_type)."""
    __tablename__ = 'role_assignments'
    actor_id: Mapped[str] = mapped_column(
        sa.ForeignKey('users.id', ondelete='CASCADE'), primary_key=True)
    target_type: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    target_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True,
                                           index=True)
    role_id: Mapped[str] = mapped_column(
        sa.ForeignKey('roles.id', ondelete='CASCADE'), primary_key=True)


class Region(Base):
    __tablename__ = 'regions'
    id: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    description: Mapped[str | None] = mapped_column(sa.Text)
    parent_region_id: Mapped[str | None] = mapped_column(sa.String(255))


class CatalogService(Base):
    """A service in the identity catalog (not a daemon: see Service)."""
    __tablename__ = 'catalog_services'
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    type: Mapped[str] = mapped_column(sa.String(255))
    name: Mapped[str | None] = mapped_column(sa.String(255))
    description: Mapped[str | None] = mapped_column(sa.Text)
    enabled: Mapped[bool] = mapped_column(default=True)


class Endpoint(Base):
    __tablename__ = 'endpoints'
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    service_id: Mapped[str] = mapped_column(
        sa.ForeignKey('catalog_services.id', ondelete='CASCADE'))
    interface: Mapped[str] = mapped_column(sa.String(8))
    region_id: Mapped[str | None] = mapped_column(sa.String(255))
    url: Mapped[str] = mapped_column(sa.Text)
    enabled: Mapped[bool] = mapped_column(default=True)


class Token(Base):
    """An issued token; only a digest of the token id is stored."""
    __tablename__ = 'tokens'
    digest: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(
        sa.ForeignKey('users.id', ondelete='CASCADE'))
    project_id: Mapped[str | None] = mapped_column(sa.String(64))
    domain_id: Mapped[str | None] = mapped_column(sa.String(64))
    methods: Mapped[str] = mapped_column(sa.String(255))
    audit_id: Mapped[str] = mapped_column(sa.String(32))
    audit_chain_id: Mapped[str | None] = mapped_column(sa.String(32))
    issued_at: Mapped[datetime.datetime]
    expires_at: Mapped[datetime.datetime] = mapped_column(index=True)
    revoked: Mapped[bool] = mapped_column(default=False)
