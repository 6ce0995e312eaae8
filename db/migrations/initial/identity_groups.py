"""Revision 0001, identity groups: groups, membership, group role assignments, implied roles."""
from alembic import op
import sqlalchemy as sa


def create():
    op.create_table('identity_groups',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('domain_id', sa.String(length=64), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['domain_id'], ['domains.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('domain_id', 'name', name='uniq_identity_groups0domain0name')
    )

    op.create_table('user_group_membership',
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('group_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['identity_groups.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'group_id')
    )
    with op.batch_alter_table('user_group_membership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_group_membership_group_id'), ['group_id'], unique=False)

    op.create_table('group_role_assignments',
    sa.Column('group_id', sa.String(length=64), nullable=False),
    sa.Column('target_type', sa.String(length=16), nullable=False),
    sa.Column('target_id', sa.String(length=64), nullable=False),
    sa.Column('role_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['identity_groups.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['role_id'], ['roles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'target_type', 'target_id', 'role_id')
    )
    with op.batch_alter_table('group_role_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_role_assignments_target_id'), ['target_id'], unique=False)

    op.create_table('implied_roles',
    sa.Column('prior_role_id', sa.String(length=64), nullable=False),
    sa.Column('implied_role_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['implied_role_id'], ['roles.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['prior_role_id'], ['roles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('prior_role_id', 'implied_role_id')
    )
