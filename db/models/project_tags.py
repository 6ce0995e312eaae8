"""Keystone project tags: short strings a project is labelled with."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base

__all__ = ['ProjectTag']


class ProjectTag(Base):
    __tablename__ = 'project_tags'
    project_id: Mapped[str] = mapped_column(
        sa.ForeignKey('projects.id', ondelete='CASCADE'), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255), primary_key=True,
                                      index=True)
