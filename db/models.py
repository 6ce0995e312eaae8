"""SQLAlchemy 2.0 declarative models of every table.

Times are naive UTC. Rows never leave db/api: query functions return dicts.
"""
import datetime

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.orm import Mapped, mapped_column


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class Base(orm.DeclarativeBase):
    def to_dict(self):
        return {c.key: getattr(self, c.key)
                for c in sa.inspect(self).mapper.column_attrs}


class Timestamps:
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime.datetime | None] = mapped_column(
        onupdate=utcnow)


# --- services (daemons and their heartbeats) --------------------------------

class Service(Timestamps, Base):
    __tablename__ = 'services'
    __table_args__ = (sa.UniqueConstraint('host', 'binary',
                                          name='uniq_services0host0binary'),)
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(sa.String(36), unique=True)
    host: Mapped[str] = mapped_column(sa.String(255))
    binary: Mapped[str] = mapped_column(sa.String(255))
    topic: Mapped[str] = mapped_column(sa.String(255))
    availability_zone: Mapped[str | None] = mapped_column(sa.String(255))
    report_count: Mapped[int] = mapped_column(default=0)
    disabled: Mapped[bool] = mapped_column(default=False)
    disabled_reason: Mapped[str | None] = mapped_column(sa.String(255))
    forced_down: Mapped[bool] = mapped_column(default=False)
    last_seen_up: Mapped[datetime.datetime | None]


# --- identity -----------------------------------------------------------------

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


class Role(Base):
    __tablename__ = 'roles'
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255), unique=True)
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


# --- compute: flavors ------------------------------------------------------------

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
