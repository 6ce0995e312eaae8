"""Engine and sessions. SQLite runs in WAL mode; writers take the lock at
BEGIN (IMMEDIATE) so concurrent daemons queue instead of failing on a lock
upgrade, and they queue on a file lock first (see _WriterQueue)."""
import contextlib
import fcntl
import os
import threading

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy import orm

from stratus.common.conf import CONF
from stratus.common import exception

_LOCK = threading.Lock()
_ENGINE = None
_PID = None
_SESSIONMAKER = None
_WRITERS = None


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

    event.listen(engine, 'before_cursor_execute', _int64_parameters,
                 retval=True)

    @event.listens_for(engine, 'begin')
    def _on_begin(conn):
        mode = conn.get_execution_options().get('sqlite_begin', 'DEFERRED')
        conn.exec_driver_sql('BEGIN %s' % mode)


_INT64 = range(-2 ** 63, 2 ** 63)
_WRITES = ('INSERT', 'UPDATE', 'REPLACE')


def _outside(value):
    return type(value) is int and value not in _INT64


def _int64_parameters(conn, cursor, statement, parameters, context,
                      executemany):
    """SQLite binds integers of 64 bits and raises OverflowError beyond:
    a lookup by a 40-digit id from a URL must find nothing (as a server
    database answers), so such a number is compared as a REAL, which no
    stored integer equals (reads and deletes). A write of one is refused.
    """
    rows = parameters if executemany else (parameters,)
    if not any(_outside(value) for row in rows
               if isinstance(row, (tuple, list)) for value in row):
        return statement, parameters
    if statement.lstrip()[:7].upper().startswith(_WRITES):
        raise exception.Invalid('A number in the request is out of range.')
    def real(row):
        return type(row)(float(v) if _outside(v) else v for v in row)
    if executemany:
        return statement, [real(row) for row in parameters]
    return statement, real(parameters)


class _WriterQueue:
    """Writers of one SQLite database, in every process, take an flock on
    `<database>.writers` before BEGIN IMMEDIATE. SQLite's own busy handler
    sleeps 1, 2, 5, 10... ms between tries, so with a few daemons writing
    at once BEGIN waited 6 ms at p90 and 34 ms at p99 (measured with four
    clients pausing servers); a blocked flock wakes as soon as the holder
    lets go. The kernel drops the lock of a process that dies. One open
    file per thread (and per process: a forked child must not share its
    parent's), because an flock belongs to the open file; it closes with
    its thread."""

    def __init__(self, path):
        self.path = path + '.writers'
        self._local = threading.local()

    def _fd(self):
        pid = os.getpid()
        if getattr(self._local, 'pid', None) != pid:
            self._local.file = open(self.path, 'ab')
            self._local.pid = pid
        return self._local.file.fileno()

    @contextlib.contextmanager
    def held(self):
        fd = self._fd()
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)


def _writer_queue(url):
    if not url.startswith('sqlite'):
        return None                 # a server database queues its writers
    path = sa.engine.make_url(url).database
    if not path or path == ':memory:':
        return None
    return _WriterQueue(os.path.abspath(path))


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
    global _ENGINE, _PID, _SESSIONMAKER, _WRITERS
    with _LOCK:
        if _ENGINE is None or _PID != os.getpid():
            if _ENGINE is not None:
                _ENGINE.dispose(close=False)
            url = CONF.database.connection
            _ENGINE = _make_engine(url)
            _WRITERS = _writer_queue(url)
            _PID = os.getpid()
            _SESSIONMAKER = orm.sessionmaker(bind=_ENGINE,
                                             expire_on_commit=False)
        return _ENGINE


def reset():
    """Forget the engine (tests switch databases)."""
    global _ENGINE, _SESSIONMAKER, _WRITERS
    with _LOCK:
        if _ENGINE is not None:
            _ENGINE.dispose()
        _ENGINE = _SESSIONMAKER = _WRITERS = None


@contextlib.contextmanager
def writer():
    """A session that commits on success; takes the write lock at BEGIN."""
    get_engine()
    with _WRITERS.held() if _WRITERS else contextlib.nullcontext():
        with _SESSIONMAKER() as session:
            session.connection(
                execution_options={'sqlite_begin': 'IMMEDIATE'})
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise


@contextlib.contextmanager
def connection():
    """A plain connection for reads of Core statements: no ORM session
    around it (about 0.1 ms less per read; polling clients read servers
    many times a second). Whatever it began is rolled back on close."""
    with get_engine().connect() as conn:
        yield conn


@contextlib.contextmanager
def reader():
    get_engine()
    with _SESSIONMAKER() as session:
        try:
            yield session
        finally:
            session.rollback()
