"""initial schema

Revision ID: 0001
Revises: 
"""
from stratus.db.migrations.initial import compute
from stratus.db.migrations.initial import identity
from stratus.db.migrations.initial import images
from stratus.db.migrations.initial import volume

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    identity.create()
    images.create()
    compute.create()
    volume.create()
