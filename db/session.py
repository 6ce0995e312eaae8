"""Engine and sessions. SQLite runs in WAL mode; writers take the lock at
BEGIN (IMMEDIATE) so concurrent daemons queue instead of failing on a lock
upgrade."""
import contextlib
import os
import threading

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy import orm

from stratus.common.conf import CONF

_LOCK = threading.Lock()
_ENGINE = None
_PID = None
_SESSIONMAKER = None


def _sqlite_setup(engine):
    @event.listens_for(engine, 'connect')
    def _on_connect(dbapi_conn, record):
        # We emit BEGIN ourselves (below); the driver must not.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute('PRAGMA journal_mode=WAL')
        cur.execute('PRAGMA synchronous=NORMAL')
        cur.execute('PRAGMA foreign_keys=ON')
        cur.execute('PRAGMA busy_timeout=%d' % CONF.database.busy_timeout)
        cur.close()

    @event.listens_for(engine, 'begin')
    def _on_begin(conn):
        mode = conn.get_execution_options().get('sqlite_begin', 'DEFERRED')
        conn.exec_driver_sql('BEGIN %s' % mode)


def _make_engine(url):
    kwargs = {'echo': CONF.database.connection_debug}
    if url.startswith('sqlite'):
        path = sa.engine.make_url(url).database
        if path and path != ':memory:':
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        engine = sa.create_engine(url, **kwargs)
        _sqlite_setup(engine)
    else:
        engine = sa.create_engine(url, pool_pre_ping=True, pool_recycle=3600,
                                  **kwargs)
    return engine


def get_engine():
    """The process's engine; a forked child makes its own."""
    global _ENGINE, _PID, _SESSIONMAKER
    with _LOCK:
        if _ENGINE is None or _PID != os.getpid():
            if _ENGINE is not None:
                _ENGINE.dispose(close=False)
            _ENGINE = _make_engine(CONF.database.connection)
            _PID = os.getpid()
            _SESSIONMAKER = orm.sessionmaker(bind=_ENGINE,
                                             expire_on_commit=False)
        return _ENGINE


def reset():
    """Forget the engine (tests switch databases)."""
    global _ENGINE, _SESSIONMAKER
    with _LOCK:
        if _ENGINE is not None:
            _ENGINE.dispose()
        _ENGINE = _SESSIONMAKER = None


@contextlib.contextmanager
def writer():
    """A session that commits on success; takes the write lock at BEGIN."""
    get_engine()
    with _SESSIONMAKER() as session:
        session.connection(execution_options={'sqlite_begin': 'IMMEDIATE'})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextlib.contextmanager
def reader():
    get_engine()
    with _SESSIONMAKER() as session:
        try:
            yield session
        finally:
            session.rollback()
