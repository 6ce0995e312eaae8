"""Revision 0001, project tags."""
from alembic import op
import sqlalchemy as sa


def create():
    op.create_table('project_tags',
    sa.Column('project_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'name')
    )
    with op.batch_alter_table('project_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_tags_name'), ['name'], unique=False)
