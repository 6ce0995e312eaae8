"""A fresh SQLite database for in-process tests."""
import os

from stratus.common.conf import CONF
from stratus.db import migration
from stratus.db import session


def use_fresh_db(directory):
    path = os.path.join(str(directory), 'stratus.sqlite')
    CONF.set_override('connection', 'sqlite:///' + path, 'database')
    session.reset()
    migration.sync()
    return path
