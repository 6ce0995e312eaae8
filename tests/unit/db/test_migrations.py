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


def test_sync_refuses_a_database_older_than_its_revision_says(db):
    """A database made by an earlier development copy of revision 0001
    lacks tables; sync says so and how to recover, instead of a daemon
    dying later on 'no such table'."""
    import pytest
    with session.get_engine().begin() as connection:
        connection.exec_driver_sql('DROP TABLE backend_pools')
    with pytest.raises(migration.SchemaMismatch) as caught:
        migration.sync()
    assert 'backend_pools' in str(caught.value)
    assert 'unstack.sh --clean' in str(caught.value)
