"""Every test's database is a copy of one synced schema: the same tables
and revision `stratus-manage db sync` makes, and nothing a previous test
wrote."""
import sqlite3

import sqlalchemy as sa

from support import db as support_db

from stratus.db import migration
from stratus.db import models
from stratus.db import session


def _schema(path):
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master "
                            "ORDER BY type, name").fetchall()
    conn.close()
    return rows


def test_copy_has_the_synced_schema_and_revision(db, tmp_path, monkeypatch):
    for name in ('synced', 'copied'):
        (tmp_path / name).mkdir()
    monkeypatch.setenv('STRATUS_TEST_DB_TEMPLATE', '0')
    synced = support_db.use_fresh_db(tmp_path / 'synced')
    assert _schema(synced) == _schema(db)
    assert migration.current() is not None
    monkeypatch.setenv('STRATUS_TEST_DB_TEMPLATE', '1')
    copied = support_db.use_fresh_db(tmp_path / 'copied')
    assert _schema(copied) == _schema(synced)
    assert migration.missing_tables() == []


def test_a_written_row_does_not_reach_the_next_database(db, tmp_path):
    with session.writer() as s:
        s.execute(sa.insert(models.Service).values(
            uuid='u-1', host='h', binary='stratus-compute', topic='compute'))
    (tmp_path / 'next').mkdir()
    support_db.use_fresh_db(tmp_path / 'next')
    with session.reader() as s:
        assert s.scalars(sa.select(models.Service)).all() == []
