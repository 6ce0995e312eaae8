"""Revision 0001, block storage: Generic volume groups, group types and group snapshots."""
import datetime
import uuid

from alembic import op
import sqlalchemy as sa

# cinder's db sync creates this group type (it marks groups migrated from
# consistency groups, which the group APIs then refuse).
CGSNAPSHOT_TYPE = 'default_cgsnapshot_type'


def create():
    op.create_table('group_types',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('description', sa.String(length=255), nullable=True),
    sa.Column('is_public', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )

    op.create_table('group_type_specs',
    sa.Column('group_type_id', sa.String(length=36), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('value', sa.String(length=255), nullable=True),
    sa.ForeignKeyConstraint(['group_type_id'], ['group_types.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_type_id', 'key')
    )

    op.create_table('groups',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('host', sa.String(length=255), nullable=True),
    sa.Column('availability_zone', sa.String(length=255), nullable=True),
    sa.Column('name', sa.String(length=255), nullable=True),
    sa.Column('description', sa.String(length=255), nullable=True),
    sa.Column('status', sa.String(length=255), nullable=False),
    sa.Column('group_type_id', sa.String(length=36), nullable=False),
    sa.Column('group_snapshot_id', sa.String(length=36), nullable=True),
    sa.Column('source_group_id', sa.String(length=36), nullable=True),
    sa.Column('replication_status', sa.String(length=255), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('groups', schema=None) as batch_op:
        batch_op.create_index('groups_project_deleted', ['project_id', 'deleted'], unique=False)

    op.create_table('group_volume_type_mapping',
    sa.Column('group_id', sa.String(length=36), nullable=False),
    sa.Column('volume_type_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'volume_type_id')
    )

    op.create_table('group_snapshots',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('group_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=True),
    sa.Column('description', sa.String(length=255), nullable=True),
    sa.Column('status', sa.String(length=255), nullable=False),
    sa.Column('group_type_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('group_snapshots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_snapshots_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_snapshots_project_id'), ['project_id'], unique=False)

    _default_cgsnapshot_type()


def _default_cgsnapshot_type():
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    type_id = str(uuid.uuid4())
    types = sa.table('group_types', sa.column('id'), sa.column('name'),
                     sa.column('description'), sa.column('is_public'),
                     sa.column('created_at'), sa.column('updated_at'))
    specs = sa.table('group_type_specs', sa.column('group_type_id'),
                     sa.column('key'), sa.column('value'))
    op.bulk_insert(types, [{
        'id': type_id, 'name': CGSNAPSHOT_TYPE,
        'description': 'Default group type for migrating cgsnapshot',
        'is_public': True, 'created_at': now, 'updated_at': now}])
    op.bulk_insert(specs, [{'group_type_id': type_id,
                            'key': 'consistent_group_snapshot_enabled',
                            'value': '<is> True'}])
