"""Migrations create exactly the models' schema, and sync is repeatable."""
from alembic import autogenerate
from alembic import migration as alembic_migration

from stratus.db import migration
from stratus.db import models
from stratus.db import session


def test_migrations_match_models(db):
    with session.get_engine().connect() as connection:
        context = alembic_migration.MigrationContext.configure(
            connection, opts={'compare_type': True})
        diff = autogenerate.compare_metadata(context, models.Base.metadata)
    assert diff == []


def test_sync_is_idempotent(db):
    before = migration.current()
    migration.sync()
    assert migration.current() == before == '0001'
