"""Security groups as neutron keeps them (stratus has no network
service, so the compute API's proxy owns them): groups per project, their
rules in neutron's shape (direction, ethertype, port range, remote) and
which servers carry which groups (neutron keeps that on ports)."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base, Timestamps

__all__ = ['SecurityGroup', 'SecurityGroupRule', 'SecurityGroupInstance']


class SecurityGroup(Timestamps, Base):
    __tablename__ = 'security_groups'
    __table_args__ = (sa.Index('security_groups_project_name',
                               'project_id', 'name'),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    project_id: Mapped[str] = mapped_column(sa.String(255))
    # neutron does not make names unique; only 'default' is reserved.
    name: Mapped[str] = mapped_column(sa.String(255))
    description: Mapped[str | None] = mapped_column(sa.String(255))


class SecurityGroupRule(Timestamps, Base):
    __tablename__ = 'security_group_rules'
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    security_group_id: Mapped[str] = mapped_column(
        sa.String(36), sa.ForeignKey('security_groups.id',
                                     ondelete='CASCADE'), index=True)
    project_id: Mapped[str] = mapped_column(sa.String(255))
    direction: Mapped[str] = mapped_column(sa.String(16))
    ethertype: Mapped[str] = mapped_column(sa.String(16))
    protocol: Mapped[str | None] = mapped_column(sa.String(40))
    port_range_min: Mapped[int | None]
    port_range_max: Mapped[int | None]
    remote_ip_prefix: Mapped[str | None] = mapped_column(sa.String(255))
    remote_group_id: Mapped[str | None] = mapped_column(sa.String(36))


class SecurityGroupInstance(Base):
    """A server's groups (neutron: the security_groups of its ports)."""
    __tablename__ = 'security_group_instances'
    instance_uuid: Mapped[str] = mapped_column(sa.String(36),
                                               primary_key=True)
    security_group_id: Mapped[str] = mapped_column(
        sa.String(36), sa.ForeignKey('security_groups.id',
                                     ondelete='CASCADE'), primary_key=True)
    # Keeps the order the groups were given in (server show lists them so).
    position: Mapped[int] = mapped_column(default=0)
