"""QoS specs (cinder quality_of_service_specs): a named set of key/value
limits and who enforces them (the consumer). Volume types point at one
through volume_types.qos_specs_id."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base, Timestamps

__all__ = ['QualityOfServiceSpecs', 'QualityOfServiceSpecsItem']


class QualityOfServiceSpecs(Timestamps, Base):
    """Cinder keeps name and consumer as rows of its key/value table; here
    they are columns, the free-form keys live in the items table."""
    __tablename__ = 'quality_of_service_specs'
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255), unique=True)
    consumer: Mapped[str] = mapped_column(sa.String(255))


class QualityOfServiceSpecsItem(Timestamps, Base):
    __tablename__ = 'quality_of_service_specs_items'
    specs_id: Mapped[str] = mapped_column(
        sa.ForeignKey('quality_of_service_specs.id', ondelete='CASCADE'),
        primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    # Cinder's set call accepts null values and keeps them.
    value: Mapped[str | None] = mapped_column(sa.String(255))
