"""Revision 0001, block storage: volume type encryption and the volume
quota classes."""
from alembic import op
import sqlalchemy as sa


def create():
    op.create_table('volume_type_encryption',
    sa.Column('encryption_id', sa.String(length=36), nullable=False),
    sa.Column('volume_type_id', sa.String(length=36), nullable=False),
    sa.Column('provider', sa.String(length=255), nullable=True),
    sa.Column('cipher', sa.String(length=255), nullable=True),
    sa.Column('key_size', sa.Integer(), nullable=True),
    sa.Column('control_location', sa.String(length=255), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['volume_type_id'], ['volume_types.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('encryption_id'),
    sa.UniqueConstraint('volume_type_id')
    )

    op.create_table('volume_quota_classes',
    sa.Column('class_name', sa.String(length=255), nullable=False),
    sa.Column('resource', sa.String(length=255), nullable=False),
    sa.Column('hard_limit', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('class_name', 'resource')
    )
