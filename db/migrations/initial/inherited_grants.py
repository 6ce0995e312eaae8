"""Revision 0001, inherited (OS-INHERIT) user and group grants."""
from alembic import op
import sqlalchemy as sa


def _create(name, actor_column, actor_table):
    op.create_table(name,
    sa.Column(actor_column, sa.String(length=64), nullable=False),
    sa.Column('target_type', sa.String(length=16), nullable=False),
    sa.Column('target_id', sa.String(length=64), nullable=False),
    sa.Column('role_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint([actor_column], [actor_table + '.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['role_id'], ['roles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint(actor_column, 'target_type', 'target_id', 'role_id')
    )
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_%s_target_id' % name), ['target_id'], unique=False)


def create():
    _create('inherited_role_assignments', 'actor_id', 'users')
    _create('inherited_group_role_assignments', 'group_id', 'identity_groups')
