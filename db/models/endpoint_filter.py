"""OS-EP-FILTER: endpoint groups (saved endpoint filters) and the
endpoints a project's catalog is limited to, directly or through groups.
Rows go with their project, endpoint or group (ON DELETE CASCADE)."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base

__all__ = ['EndpointGroup', 'ProjectEndpoint', 'ProjectEndpointGroup']


class EndpointGroup(Base):
    __tablename__ = 'endpoint_groups'
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    description: Mapped[str | None] = mapped_column(sa.Text)
    # {service_id|region_id|interface: value}; all must match.
    filters: Mapped[dict] = mapped_column(sa.JSON)


class ProjectEndpoint(Base):
    __tablename__ = 'project_endpoints'
    endpoint_id: Mapped[str] = mapped_column(
        sa.ForeignKey('endpoints.id', ondelete='CASCADE'), primary_key=True)
    project_id: Mapped[str] = mapped_column(
        sa.ForeignKey('projects.id', ondelete='CASCADE'), primary_key=True,
        index=True)


class ProjectEndpointGroup(Base):
    __tablename__ = 'project_endpoint_groups'
    endpoint_group_id: Mapped[str] = mapped_column(
        sa.ForeignKey('endpoint_groups.id', ondelete='CASCADE'),
        primary_key=True)
    project_id: Mapped[str] = mapped_column(
        sa.ForeignKey('projects.id', ondelete='CASCADE'), primary_key=True,
        index=True)
