"""[database] options: where the state lives."""
from oslo_config import cfg

opts = [
    cfg.StrOpt('connection', secret=True,
               default='sqlite:////opt/stack/data/stratus/stratus.sqlite',
               help='SQLAlchemy URL of the database. SQLite (WAL) suits one '
                    'host; use mysql+pymysql:// or postgresql:// when '
                    'daemons on several hosts share it.'),
    cfg.IntOpt('busy_timeout', default=30000, min=0,
               help='SQLite only: milliseconds a writer waits for the lock '
                    'held by another process before failing.'),
    cfg.BoolOpt('connection_debug', default=False,
                help='Log every SQL statement at DEBUG (very verbose).'),
]


def list_opts():
    return [('database', opts)]
