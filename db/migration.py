"""Schema versions: upgrade to head, report the current revision."""
import os

from alembic import command
from alembic import config as alembic_config
from alembic import migration

from stratus.db import session

_SCRIPTS = os.path.join(os.path.dirname(__file__), 'migrations')


def _config(connection):
    cfg = alembic_config.Config()
    cfg.set_main_option('script_location', _SCRIPTS)
    cfg.attributes['connection'] = connection
    return cfg


class SchemaMismatch(Exception):
    pass


def missing_tables():
    """Tables of the models the database lacks (a database whose revision
    claims the current schema but was made by an earlier development copy
    of that revision)."""
    import sqlalchemy as sa
    from stratus.db import models
    present = set(sa.inspect(session.get_engine()).get_table_names())
    return sorted(set(models.Base.metadata.tables) - present)


def sync(revision='head'):
    """Create or upgrade the schema; safe to run again. Refuses, with what
    to do, a database that says it is current but lacks tables."""
    with session.get_engine().begin() as connection:
        command.upgrade(_config(connection), revision)
    missing = missing_tables() if revision == 'head' else []
    if missing:
        raise SchemaMismatch(
            'The database is at revision %s but lacks the tables %s: it was '
            'made by an earlier development version of that revision. '
            'Recreate it (devstack: devstack/unstack.sh --clean, then '
            'devstack/stack.sh).' % (current(), ', '.join(missing)))


def current():
    with session.get_engine().connect() as connection:
        return migration.MigrationContext.configure(
            connection).get_current_revision()


def autogenerate(message):
    """Developer helper: write a new revision from the models' diff."""
    with session.get_engine().begin() as connection:
        command.revision(_config(connection), message=message,
                         autogenerate=True)
