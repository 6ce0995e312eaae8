"""Keystone groups, their members, group role assignments and implied
roles (a prior role whose holders also hold the implied role)."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base

__all__ = ['IdentityGroup', 'UserGroupMembership', 'GroupRoleAssignment',
           'ImpliedRole']


class IdentityGroup(Base):
    """A group of users (not a volume group: see Group)."""
    __tablename__ = 'identity_groups'
    __table_args__ = (sa.UniqueConstraint(
        'domain_id', 'name', name='uniq_identity_groups0domain0name'),)
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(64))
    domain_id: Mapped[str] = mapped_column(sa.ForeignKey('domains.id'))
    description: Mapped[str | None] = mapped_column(sa.Text)
    extra: Mapped[dict | None] = mapped_column(sa.JSON)


class UserGroupMembership(Base):
    __tablename__ = 'user_group_membership'
    user_id: Mapped[str] = mapped_column(
        sa.ForeignKey('users.id', ondelete='CASCADE'), primary_key=True)
    group_id: Mapped[str] = mapped_column(
        sa.ForeignKey('identity_groups.id', ondelete='CASCADE'),
        primary_key=True, index=True)


class GroupRoleAssignment(Base):
    """A role of a group on a project or a domain (target_type); its
    members hold it while they are members."""
    __tablename__ = 'group_role_assignments'
    group_id: Mapped[str] = mapped_column(
        sa.ForeignKey('identity_groups.id', ondelete='CASCADE'),
        primary_key=True)
    target_type: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    target_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True,
                                           index=True)
    role_id: Mapped[str] = mapped_column(
        sa.ForeignKey('roles.id', ondelete='CASCADE'), primary_key=True)


class ImpliedRole(Base):
    __tablename__ = 'implied_roles'
    prior_role_id: Mapped[str] = mapped_column(
        sa.ForeignKey('roles.id', ondelete='CASCADE'), primary_key=True)
    implied_role_id: Mapped[str] = mapped_column(
        sa.ForeignKey('roles.id', ondelete='CASCADE'), primary_key=True)
