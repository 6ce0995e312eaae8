"""Revision 0001, OS-TRUST and OS-REVOKE: trusts, their roles, the tokens
issued through them, revocation events."""
from alembic import op
import sqlalchemy as sa


def create():
    op.create_table('trusts',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('trustor_user_id', sa.String(length=64), nullable=False),
    sa.Column('trustee_user_id', sa.String(length=64), nullable=False),
    sa.Column('project_id', sa.String(length=64), nullable=True),
    sa.Column('impersonation', sa.Boolean(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=True),
    sa.Column('remaining_uses', sa.Integer(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('redelegated_trust_id', sa.String(length=64), nullable=True),
    sa.Column('redelegation_count', sa.Integer(), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('trustor_user_id', 'trustee_user_id', 'project_id', 'impersonation', 'expires_at', name='uniq_trusts0duplicate')
    )
    with op.batch_alter_table('trusts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trusts_trustee_user_id'), ['trustee_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_trusts_trustor_user_id'), ['trustor_user_id'], unique=False)

    op.create_table('trust_roles',
    sa.Column('trust_id', sa.String(length=64), nullable=False),
    sa.Column('role_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['trust_id'], ['trusts.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('trust_id', 'role_id')
    )

    op.create_table('trust_tokens',
    sa.Column('token_digest', sa.String(length=64), nullable=False),
    sa.Column('trust_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['token_digest'], ['tokens.digest'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_digest')
    )
    with op.batch_alter_table('trust_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trust_tokens_trust_id'), ['trust_id'], unique=False)

    op.create_table('revocation_events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=True),
    sa.Column('project_id', sa.String(length=64), nullable=True),
    sa.Column('domain_id', sa.String(length=64), nullable=True),
    sa.Column('role_id', sa.String(length=64), nullable=True),
    sa.Column('trust_id', sa.String(length=64), nullable=True),
    sa.Column('audit_id', sa.String(length=32), nullable=True),
    sa.Column('audit_chain_id', sa.String(length=32), nullable=True),
    sa.Column('expires_at', sa.DateTime(), nullable=True),
    sa.Column('issued_before', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('revocation_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_revocation_events_revoked_at'), ['revoked_at'], unique=False)
