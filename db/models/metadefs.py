"""Metadata definitions of the image service (glance's metadefs): namespaces
and what they hold (objects, properties, tags) and the resource types a
namespace applies to. A namespace's contents go with it."""
import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base, utcnow

__all__ = ['MetadefNamespace', 'MetadefObject', 'MetadefProperty',
           'MetadefTag', 'MetadefResourceType',
           'MetadefNamespaceResourceType']


class _Stamped:
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime.datetime | None] = mapped_column(
        default=utcnow, onupdate=utcnow)


class MetadefNamespace(_Stamped, Base):
    __tablename__ = 'metadef_namespaces'
    id: Mapped[int] = mapped_column(primary_key=True)
    namespace: Mapped[str] = mapped_column(sa.String(80), unique=True)
    display_name: Mapped[str | None] = mapped_column(sa.String(80))
    description: Mapped[str | None] = mapped_column(sa.Text)
    visibility: Mapped[str] = mapped_column(sa.String(32))
    protected: Mapped[bool] = mapped_column(default=False)
    owner: Mapped[str] = mapped_column(sa.String(255), index=True)


def _namespace_fk():
    return mapped_column(sa.ForeignKey('metadef_namespaces.id',
                                       ondelete='CASCADE'))


class MetadefObject(_Stamped, Base):
    """An object: a named group of property schemas."""
    __tablename__ = 'metadef_objects'
    __table_args__ = (sa.UniqueConstraint('namespace_id', 'name'),)
    id: Mapped[int] = mapped_column(primary_key=True)
    namespace_id: Mapped[int] = _namespace_fk()
    name: Mapped[str] = mapped_column(sa.String(80))
    description: Mapped[str | None] = mapped_column(sa.Text)
    required: Mapped[list | None] = mapped_column(sa.JSON)
    properties: Mapped[dict | None] = mapped_column(sa.JSON)


class MetadefProperty(_Stamped, Base):
    """A property of the namespace itself: its JSON schema."""
    __tablename__ = 'metadef_properties'
    __table_args__ = (sa.UniqueConstraint('namespace_id', 'name'),)
    id: Mapped[int] = mapped_column(primary_key=True)
    namespace_id: Mapped[int] = _namespace_fk()
    name: Mapped[str] = mapped_column(sa.String(80))
    json_schema: Mapped[dict] = mapped_column(sa.JSON)


class MetadefTag(_Stamped, Base):
    __tablename__ = 'metadef_tags'
    __table_args__ = (sa.UniqueConstraint('namespace_id', 'name'),)
    id: Mapped[int] = mapped_column(primary_key=True)
    namespace_id: Mapped[int] = _namespace_fk()
    name: Mapped[str] = mapped_column(sa.String(80))


class MetadefResourceType(_Stamped, Base):
    __tablename__ = 'metadef_resource_types'
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(80), unique=True)
    protected: Mapped[bool] = mapped_column(default=False)


class MetadefNamespaceResourceType(_Stamped, Base):
    """A namespace applies to a resource type, its property names
    prefixed with `prefix` there."""
    __tablename__ = 'metadef_namespace_resource_types'
    resource_type_id: Mapped[int] = mapped_column(
        sa.ForeignKey('metadef_resource_types.id'), primary_key=True)
    namespace_id: Mapped[int] = mapped_column(
        sa.ForeignKey('metadef_namespaces.id', ondelete='CASCADE'),
        primary_key=True, index=True)
    properties_target: Mapped[str | None] = mapped_column(sa.String(80))
    prefix: Mapped[str | None] = mapped_column(sa.String(80))
