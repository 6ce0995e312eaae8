"""Revision 0001, application credentials: credentials, their roles,
access rules and the tokens issued from them."""
from alembic import op
import sqlalchemy as sa


def create():
    op.create_table(
        'application_credentials',
        sa.Column('id', sa.String(length=64), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('secret_hash', sa.String(length=255), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('user_id', sa.String(length=64), nullable=False),
        sa.Column('project_id', sa.String(length=64), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=True),
        sa.Column('unrestricted', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('user_id', 'name',
                            name='uniq_application_credentials0user0name'))
    with op.batch_alter_table('application_credentials') as batch_op:
        batch_op.create_index(
            batch_op.f('ix_application_credentials_user_id'), ['user_id'],
            unique=False)
        batch_op.create_index(
            batch_op.f('ix_application_credentials_project_id'),
            ['project_id'], unique=False)

    op.create_table(
        'application_credential_roles',
        sa.Column('application_credential_id', sa.String(length=64),
                  nullable=False),
        sa.Column('role_id', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['application_credential_id'],
                                ['application_credentials.id'],
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['role_id'], ['roles.id'],
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('application_credential_id', 'role_id'))

    op.create_table(
        'access_rules',
        sa.Column('id', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.String(length=64), nullable=False),
        sa.Column('service', sa.String(length=64), nullable=False),
        sa.Column('path', sa.String(length=225), nullable=False),
        sa.Column('method', sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint(
            'user_id', 'service', 'path', 'method',
            name='uniq_access_rules0user0service0path0method'))
    with op.batch_alter_table('access_rules') as batch_op:
        batch_op.create_index(batch_op.f('ix_access_rules_user_id'),
                              ['user_id'], unique=False)

    op.create_table(
        'application_credential_access_rules',
        sa.Column('application_credential_id', sa.String(length=64),
                  nullable=False),
        sa.Column('access_rule_id', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['application_credential_id'],
                                ['application_credentials.id'],
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['access_rule_id'], ['access_rules.id']),
        sa.PrimaryKeyConstraint('application_credential_id',
                                'access_rule_id'))
    with op.batch_alter_table('application_credential_access_rules') as b:
        b.create_index(
            b.f('ix_application_credential_access_rules_access_rule_id'),
            ['access_rule_id'], unique=False)

    op.create_table(
        'application_credential_tokens',
        sa.Column('token_digest', sa.String(length=64), nullable=False),
        sa.Column('application_credential_id', sa.String(length=64),
                  nullable=False),
        sa.ForeignKeyConstraint(['token_digest'], ['tokens.digest'],
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('token_digest'))
    with op.batch_alter_table('application_credential_tokens') as b:
        b.create_index(
            b.f('ix_application_credential_tokens_application_credential_id'),
            ['application_credential_id'], unique=False)
