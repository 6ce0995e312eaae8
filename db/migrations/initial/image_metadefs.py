"""Revision 0001, image metadata definitions: namespaces, their objects,
properties and tags, resource types and their associations."""
from alembic import op
import sqlalchemy as sa


def _stamps():
    return [sa.Column('created_at', sa.DateTime(), nullable=False),
            sa.Column('updated_at', sa.DateTime(), nullable=True)]


def _namespace_fk():
    return sa.ForeignKeyConstraint(['namespace_id'], ['metadef_namespaces.id'],
                                   ondelete='CASCADE')


def create():
    op.create_table('metadef_namespaces',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('namespace', sa.String(length=80), nullable=False),
    sa.Column('display_name', sa.String(length=80), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('visibility', sa.String(length=32), nullable=False),
    sa.Column('protected', sa.Boolean(), nullable=False),
    sa.Column('owner', sa.String(length=255), nullable=False),
    *_stamps(),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('namespace')
    )
    with op.batch_alter_table('metadef_namespaces', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_metadef_namespaces_owner'), ['owner'], unique=False)

    op.create_table('metadef_resource_types',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('protected', sa.Boolean(), nullable=False),
    *_stamps(),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )

    op.create_table('metadef_objects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('namespace_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('required', sa.JSON(), nullable=True),
    sa.Column('properties', sa.JSON(), nullable=True),
    *_stamps(),
    _namespace_fk(),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('namespace_id', 'name')
    )

    op.create_table('metadef_properties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('namespace_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('json_schema', sa.JSON(), nullable=False),
    *_stamps(),
    _namespace_fk(),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('namespace_id', 'name')
    )

    op.create_table('metadef_tags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('namespace_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    *_stamps(),
    _namespace_fk(),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('namespace_id', 'name')
    )

    op.create_table('metadef_namespace_resource_types',
    sa.Column('resource_type_id', sa.Integer(), nullable=False),
    sa.Column('namespace_id', sa.Integer(), nullable=False),
    sa.Column('properties_target', sa.String(length=80), nullable=True),
    sa.Column('prefix', sa.String(length=80), nullable=True),
    *_stamps(),
    _namespace_fk(),
    sa.ForeignKeyConstraint(['resource_type_id'], ['metadef_resource_types.id'], ),
    sa.PrimaryKeyConstraint('resource_type_id', 'namespace_id')
    )
    with op.batch_alter_table('metadef_namespace_resource_types', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_metadef_namespace_resource_types_namespace_id'), ['namespace_id'], unique=False)
