"""A fresh SQLite database for in-process tests."""
import atexit
import os
import shutil
import sqlite3
import tempfile

from stratus.common.conf import CONF
from stratus.db import migration
from stratus.db import session

# The schema as `migration.sync()` makes it, once per test process: each
# test then starts on a copy of it (running every migration again costs
# about a second a test).
_TEMPLATE = []


def _template(path):
    """A copy of the freshly synced database at `path`, kept for later
    tests."""
    directory = tempfile.mkdtemp(prefix='stratus-test-db-')
    atexit.register(shutil.rmtree, directory, True)
    template = os.path.join(directory, 'template.sqlite')
    # The backup API copies a consistent database (WAL included).
    with sqlite3.connect(path) as src, sqlite3.connect(template) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    _TEMPLATE.append(template)


def use_fresh_db(directory):
    path = os.path.join(str(directory), 'stratus.sqlite')
    CONF.set_override('connection', 'sqlite:///' + path, 'database')
    session.reset()
    if _TEMPLATE and os.environ.get('STRATUS_TEST_DB_TEMPLATE', '1') != '0':
        shutil.copyfile(_TEMPLATE[0], path)
    else:
        migration.sync()
        if not _TEMPLATE:
            session.reset()
            _template(path)
    return path
