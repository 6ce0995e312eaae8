"""Inherited grants (keystone's OS-INHERIT): a role of a user or a group
on a domain or a project that applies to the projects below it (every
project of the domain; a project's subtree), not to the target itself."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base

__all__ = ['InheritedRoleAssignment', 'InheritedGroupRoleAssignment']


class InheritedRoleAssignment(Base):
    __tablename__ = 'inherited_role_assignments'
    actor_id: Mapped[str] = mapped_column(
        sa.ForeignKey('users.id', ondelete='CASCADE'), primary_key=True)
    target_type: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    target_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True,
                                           index=True)
    role_id: Mapped[str] = mapped_column(
        sa.ForeignKey('roles.id', ondelete='CASCADE'), primary_key=True)


class InheritedGroupRoleAssignment(Base):
    __tablename__ = 'inherited_group_role_assignments'
    group_id: Mapped[str] = mapped_column(
        sa.ForeignKey('identity_groups.id', ondelete='CASCADE'),
        primary_key=True)
    target_type: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    target_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True,
                                           index=True)
    role_id: Mapped[str] = mapped_column(
        sa.ForeignKey('roles.id', ondelete='CASCADE'), primary_key=True)
