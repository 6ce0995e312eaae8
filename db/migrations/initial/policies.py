"""Revision 0001, policies: policy blobs and OS-ENDPOINT-POLICY associations."""
from alembic import op
import sqlalchemy as sa


def create():
    op.create_table('policies',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('type', sa.String(length=255), nullable=False),
    sa.Column('blob', sa.Text(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )

    op.create_table('policy_associations',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('policy_id', sa.String(length=64), nullable=False),
    sa.Column('endpoint_id', sa.String(length=64), nullable=True),
    sa.Column('service_id', sa.String(length=64), nullable=True),
    sa.Column('region_id', sa.String(length=255), nullable=True),
    sa.ForeignKeyConstraint(['endpoint_id'], ['endpoints.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['policy_id'], ['policies.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_id'], ['catalog_services.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('endpoint_id', 'service_id', 'region_id', name='uniq_policy_associations0target')
    )
    with op.batch_alter_table('policy_associations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_policy_associations_policy_id'), ['policy_id'], unique=False)
