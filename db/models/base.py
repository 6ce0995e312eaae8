"""Declarative base, timestamps and the clock every model uses."""
import datetime

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.orm import Mapped, mapped_column

from stratus.common.timeutils import utcnow


class Base(orm.DeclarativeBase):
    def to_dict(self):
        return {c.key: getattr(self, c.key)
                for c in sa.inspect(self).mapper.column_attrs}


class Timestamps:
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime.datetime | None] = mapped_column(
        onupdate=utcnow)
