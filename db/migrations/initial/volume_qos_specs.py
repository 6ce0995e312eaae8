"""Revision 0001, block storage: QoS specs (cinder quality_of_service_specs)."""
from alembic import op
import sqlalchemy as sa


def create():
    op.create_table('quality_of_service_specs',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('consumer', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )

    op.create_table('quality_of_service_specs_items',
    sa.Column('specs_id', sa.String(length=36), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('value', sa.String(length=255), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['specs_id'], ['quality_of_service_specs.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('specs_id', 'key')
    )
