"""System scope: which tokens were issued for the system (keystone's
`"scope": {"system": {"all": true}}`). System role assignments need no
table of their own: they are grants on target_type 'system', id 'all'."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base

__all__ = ['SystemScopedToken']


class SystemScopedToken(Base):
    """A token scoped to the system; a separate table so the token rows
    of project and domain scopes stay as they are."""
    __tablename__ = 'system_scoped_tokens'
    digest: Mapped[str] = mapped_column(
        sa.ForeignKey('tokens.digest', ondelete='CASCADE'), primary_key=True)
    system: Mapped[str] = mapped_column(sa.String(16))
