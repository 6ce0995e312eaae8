"""Volume transfers (cinder's transfers table): an offer of one volume to
whichever project presents the auth key. Only a salted hash of the key is
kept; accepting or deleting soft-deletes the row."""
import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base, Timestamps

__all__ = ['Transfer']


class Transfer(Timestamps, Base):
    __tablename__ = 'transfers'
    __table_args__ = (sa.Index('transfers_volume_deleted', 'volume_id',
                               'deleted'),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    # No foreign key: volumes belong to another area of the schema.
    volume_id: Mapped[str] = mapped_column(sa.String(36))
    display_name: Mapped[str | None] = mapped_column(sa.String(255))
    salt: Mapped[str | None] = mapped_column(sa.String(255))
    crypt_hash: Mapped[str | None] = mapped_column(sa.String(255))
    expires_at: Mapped[datetime.datetime | None]
    no_snapshots: Mapped[bool] = mapped_column(default=False)
    source_project_id: Mapped[str | None] = mapped_column(sa.String(255))
    destination_project_id: Mapped[str | None] = mapped_column(
        sa.String(255))
    accepted: Mapped[bool] = mapped_column(default=False)
    deleted: Mapped[bool] = mapped_column(default=False)
    deleted_at: Mapped[datetime.datetime | None]
