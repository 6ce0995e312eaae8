"""Revision 0001, unified limits: registered limits and project/domain limits."""
from alembic import op
import sqlalchemy as sa


def create():
    op.create_table('registered_limits',
    sa.Column('internal_id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('service_id', sa.String(length=64), nullable=False),
    sa.Column('region_id', sa.String(length=255), nullable=True),
    sa.Column('resource_name', sa.String(length=255), nullable=False),
    sa.Column('default_limit', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], ),
    sa.ForeignKeyConstraint(['service_id'], ['catalog_services.id'], ),
    sa.PrimaryKeyConstraint('internal_id'),
    sa.UniqueConstraint('id')
    )
    with op.batch_alter_table('registered_limits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registered_limits_service_id'), ['service_id'], unique=False)

    op.create_table('unified_limits',
    sa.Column('internal_id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('project_id', sa.String(length=64), nullable=True),
    sa.Column('domain_id', sa.String(length=64), nullable=True),
    sa.Column('registered_limit_id', sa.String(length=64), nullable=False),
    sa.Column('resource_limit', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['domain_id'], ['domains.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['registered_limit_id'], ['registered_limits.id'], ),
    sa.PrimaryKeyConstraint('internal_id'),
    sa.UniqueConstraint('id')
    )
    with op.batch_alter_table('unified_limits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unified_limits_domain_id'), ['domain_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_unified_limits_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_unified_limits_registered_limit_id'), ['registered_limit_id'], unique=False)
