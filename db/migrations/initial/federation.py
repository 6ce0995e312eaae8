"""Revision 0001, OS-FEDERATION: identity providers, their remote ids and protocols, mappings, service providers."""
from alembic import op
import sqlalchemy as sa


def create():
    op.create_table('identity_providers',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('domain_id', sa.String(length=64), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('authorization_ttl', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['domain_id'], ['domains.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('identity_providers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_identity_providers_domain_id'), ['domain_id'], unique=False)

    op.create_table('idp_remote_ids',
    sa.Column('remote_id', sa.String(length=255), nullable=False),
    sa.Column('idp_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['idp_id'], ['identity_providers.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('remote_id')
    )
    with op.batch_alter_table('idp_remote_ids', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idp_remote_ids_idp_id'), ['idp_id'], unique=False)

    op.create_table('federation_protocols',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('idp_id', sa.String(length=64), nullable=False),
    sa.Column('mapping_id', sa.String(length=64), nullable=False),
    sa.Column('remote_id_attribute', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['idp_id'], ['identity_providers.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', 'idp_id')
    )

    op.create_table('federation_mappings',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('rules', sa.JSON(), nullable=False),
    sa.Column('schema_version', sa.String(length=5), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )

    op.create_table('service_providers',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('auth_url', sa.String(length=256), nullable=False),
    sa.Column('sp_url', sa.String(length=256), nullable=False),
    sa.Column('relay_state_prefix', sa.String(length=256), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
