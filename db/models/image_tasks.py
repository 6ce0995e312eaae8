"""Image service tasks (glance's /v2/tasks): the record of each image
import, kept until it expires."""
import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base, utcnow

__all__ = ['ImageTask']


class ImageTask(Base):
    __tablename__ = 'image_tasks'
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    type: Mapped[str] = mapped_column(sa.String(30))
    status: Mapped[str] = mapped_column(sa.String(30))
    owner: Mapped[str | None] = mapped_column(sa.String(255), index=True)
    input: Mapped[dict | None] = mapped_column(sa.JSON)
    result: Mapped[dict | None] = mapped_column(sa.JSON)
    message: Mapped[str] = mapped_column(sa.Text, default='')
    image_id: Mapped[str | None] = mapped_column(sa.String(36), index=True)
    request_id: Mapped[str | None] = mapped_column(sa.String(64))
    user_id: Mapped[str | None] = mapped_column(sa.String(64))
    expires_at: Mapped[datetime.datetime | None]
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)
    # '<host>:<pid>' of the stratus-api process running the task (never
    # shown): a restarted API fails what its dead processes left running.
    runner: Mapped[str | None] = mapped_column(sa.String(255))
