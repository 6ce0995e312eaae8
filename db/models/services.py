"""Daemons and their heartbeats."""
import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base, Timestamps

__all__ = ['Service']


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
    # A frozen volume backend refuses volume management (os-services/freeze).
    frozen: Mapped[bool] = mapped_column(default=False)
    # The RPC API version the service's manager serves, reported at each
    # start and beat (nova's services.version): a caller refuses what the
    # oldest compute cannot do (a 2.93 re-image needs compute 1.5).
    version: Mapped[str | None] = mapped_column(sa.String(16))
    last_seen_up: Mapped[datetime.datetime | None]
