"""Images of the built-in image service (Glance v2 subset): the image
records, their free-form properties, tags and project members."""
import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base, utcnow

__all__ = ['Image', 'ImageProperty', 'ImageTag', 'ImageMember']


class Image(Base):
    """One image. Deleted rows stay (deleted=True, status 'deleted') so an
    id is never reused, as glance keeps them."""
    __tablename__ = 'images'
    __table_args__ = (sa.Index('images_owner_deleted', 'owner', 'deleted'),
                      sa.Index('images_visibility_deleted', 'visibility',
                               'deleted'))
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    name: Mapped[str | None] = mapped_column(sa.String(255), index=True)
    status: Mapped[str] = mapped_column(sa.String(30))
    visibility: Mapped[str] = mapped_column(sa.String(20))
    protected: Mapped[bool] = mapped_column(default=False)
    os_hidden: Mapped[bool] = mapped_column(default=False)
    owner: Mapped[str | None] = mapped_column(sa.String(64))
    disk_format: Mapped[str | None] = mapped_column(sa.String(20))
    container_format: Mapped[str | None] = mapped_column(sa.String(20))
    size: Mapped[int | None] = mapped_column(sa.BigInteger)
    virtual_size: Mapped[int | None] = mapped_column(sa.BigInteger)
    checksum: Mapped[str | None] = mapped_column(sa.String(32))
    os_hash_algo: Mapped[str | None] = mapped_column(sa.String(64))
    os_hash_value: Mapped[str | None] = mapped_column(sa.String(128))
    min_disk: Mapped[int] = mapped_column(default=0)
    min_ram: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)
    deleted: Mapped[bool] = mapped_column(default=False)
    deleted_at: Mapped[datetime.datetime | None]


class ImageProperty(Base):
    """A free-form property (kernel_id, image_type, ...), shown as a
    top-level string key of the image."""
    __tablename__ = 'image_properties'
    image_id: Mapped[str] = mapped_column(
        sa.ForeignKey('images.id', ondelete='CASCADE'), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    # glance keeps a null kernel_id/ramdisk_id (its schema allows null).
    value: Mapped[str | None] = mapped_column(sa.Text)


class ImageTag(Base):
    __tablename__ = 'image_tags'
    image_id: Mapped[str] = mapped_column(
        sa.ForeignKey('images.id', ondelete='CASCADE'), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(255), primary_key=True)


class ImageMember(Base):
    """A project a shared image is offered to; it sees the image in its
    default list once it has accepted."""
    __tablename__ = 'image_members'
    image_id: Mapped[str] = mapped_column(
        sa.ForeignKey('images.id', ondelete='CASCADE'), primary_key=True)
    member: Mapped[str] = mapped_column(sa.String(64), primary_key=True,
                                        index=True)
    status: Mapped[str] = mapped_column(sa.String(20), default='pending')
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)
