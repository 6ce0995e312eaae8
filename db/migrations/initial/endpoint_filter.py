"""Revision 0001, OS-EP-FILTER: endpoint groups, project-endpoint and project-endpoint-group associations."""
from alembic import op
import sqlalchemy as sa


def create():
    op.create_table('endpoint_groups',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('filters', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )

    op.create_table('project_endpoints',
    sa.Column('endpoint_id', sa.String(length=64), nullable=False),
    sa.Column('project_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['endpoint_id'], ['endpoints.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('endpoint_id', 'project_id')
    )
    with op.batch_alter_table('project_endpoints', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_endpoints_project_id'), ['project_id'], unique=False)

    op.create_table('project_endpoint_groups',
    sa.Column('endpoint_group_id', sa.String(length=64), nullable=False),
    sa.Column('project_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['endpoint_group_id'], ['endpoint_groups.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('endpoint_group_id', 'project_id')
    )
    with op.batch_alter_table('project_endpoint_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_endpoint_groups_project_id'), ['project_id'], unique=False)
