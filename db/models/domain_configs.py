"""Domain-specific configuration options (keystone's domain config API);
stored only: stratus has no LDAP identity driver to apply them to."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base

__all__ = ['DomainConfigOption']


class DomainConfigOption(Base):
    __tablename__ = 'domain_config_options'
    domain_id: Mapped[str] = mapped_column(
        sa.ForeignKey('domains.id', ondelete='CASCADE'), primary_key=True)
    group: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    option: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    value: Mapped[object] = mapped_column(sa.JSON)
    sensitive: Mapped[bool] = mapped_column(default=False)
