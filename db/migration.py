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


def sync(revision='head'):
    """Create or upgrade the schema; safe to run again."""
    with session.get_engine().begin() as connection:
        command.upgrade(_config(connection), revision)


def current():
    with session.get_engine().connect() as connection:
        return migration.MigrationContext.configure(
            connection).get_current_revision()


def autogenerate(message):
    """Developer helper: write a new revision from the models' diff."""
    with session.get_engine().begin() as connection:
        command.revision(_config(connection), message=message,
                         autogenerate=True)
