"""Revision 0001, image tasks (glance's /v2/tasks)."""
from alembic import op
import sqlalchemy as sa


def create():
    op.create_table('image_tasks',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('type', sa.String(length=30), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('owner', sa.String(length=255), nullable=True),
    sa.Column('input', sa.JSON(), nullable=True),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('image_id', sa.String(length=36), nullable=True),
    sa.Column('request_id', sa.String(length=64), nullable=True),
    sa.Column('user_id', sa.String(length=64), nullable=True),
    sa.Column('expires_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('runner', sa.String(length=255), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('image_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_image_tasks_image_id'), ['image_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_image_tasks_owner'), ['owner'], unique=False)
