"""Revision 0001, OS-OAUTH1: consumers, request and access tokens, and
the access token behind a keystone token."""
from alembic import op
import sqlalchemy as sa


def create():
    op.create_table(
        'oauth1_consumers',
        sa.Column('id', sa.String(length=64), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('secret', sa.String(length=64), nullable=False),
        sa.Column('extra', sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint('id'))
    op.create_table(
        'oauth1_request_tokens',
        sa.Column('id', sa.String(length=64), nullable=False),
        sa.Column('request_secret', sa.String(length=64), nullable=False),
        sa.Column('verifier', sa.String(length=64), nullable=True),
        sa.Column('authorizing_user_id', sa.String(length=64),
                  nullable=True),
        sa.Column('requested_project_id', sa.String(length=64),
                  nullable=False),
        sa.Column('role_ids', sa.JSON(), nullable=True),
        sa.Column('consumer_id', sa.String(length=64), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['consumer_id'], ['oauth1_consumers.id'],
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'))
    with op.batch_alter_table('oauth1_request_tokens') as b:
        b.create_index(b.f('ix_oauth1_request_tokens_consumer_id'),
                       ['consumer_id'], unique=False)
    op.create_table(
        'oauth1_access_tokens',
        sa.Column('id', sa.String(length=64), nullable=False),
        sa.Column('access_secret', sa.String(length=64), nullable=False),
        sa.Column('authorizing_user_id', sa.String(length=64),
                  nullable=False),
        sa.Column('project_id', sa.String(length=64), nullable=False),
        sa.Column('role_ids', sa.JSON(), nullable=False),
        sa.Column('consumer_id', sa.String(length=64), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['consumer_id'], ['oauth1_consumers.id'],
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'))
    with op.batch_alter_table('oauth1_access_tokens') as b:
        b.create_index(b.f('ix_oauth1_access_tokens_authorizing_user_id'),
                       ['authorizing_user_id'], unique=False)
        b.create_index(b.f('ix_oauth1_access_tokens_consumer_id'),
                       ['consumer_id'], unique=False)
    op.create_table(
        'oauth1_tokens',
        sa.Column('token_digest', sa.String(length=64), nullable=False),
        sa.Column('access_token_id', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['token_digest'], ['tokens.digest'],
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('token_digest'))
    with op.batch_alter_table('oauth1_tokens') as b:
        b.create_index(b.f('ix_oauth1_tokens_access_token_id'),
                       ['access_token_id'], unique=False)
