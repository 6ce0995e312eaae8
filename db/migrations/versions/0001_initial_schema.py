"""initial schema

Revision ID: 0001
Revises: 
"""
from stratus.db.migrations.initial import application_credentials
from stratus.db.migrations.initial import compute
from stratus.db.migrations.initial import compute_aggregates
from stratus.db.migrations.initial import credentials
from stratus.db.migrations.initial import domain_configs
from stratus.db.migrations.initial import endpoint_filter
from stratus.db.migrations.initial import federation
from stratus.db.migrations.initial import identity
from stratus.db.migrations.initial import identity_groups
from stratus.db.migrations.initial import image_metadefs
from stratus.db.migrations.initial import image_tasks
from stratus.db.migrations.initial import images
from stratus.db.migrations.initial import inherited_grants
from stratus.db.migrations.initial import oauth1
from stratus.db.migrations.initial import policies
from stratus.db.migrations.initial import project_tags
from stratus.db.migrations.initial import security_groups
from stratus.db.migrations.initial import system_scope
from stratus.db.migrations.initial import trusts
from stratus.db.migrations.initial import unified_limits
from stratus.db.migrations.initial import volume
from stratus.db.migrations.initial import volume_backups
from stratus.db.migrations.initial import volume_encryption
from stratus.db.migrations.initial import volume_groups
from stratus.db.migrations.initial import volume_qos_specs
from stratus.db.migrations.initial import volume_transfers

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    identity.create()
    identity_groups.create()
    system_scope.create()
    endpoint_filter.create()
    policies.create()
    trusts.create()
    domain_configs.create()
    unified_limits.create()
    application_credentials.create()
    federation.create()
    project_tags.create()
    inherited_grants.create()
    credentials.create()
    oauth1.create()
    images.create()
    image_metadefs.create()
    image_tasks.create()
    compute.create()
    compute_aggregates.create()
    security_groups.create()
    volume.create()
    volume_qos_specs.create()
    volume_transfers.create()
    volume_groups.create()
    volume_encryption.create()
    volume_backups.create()
