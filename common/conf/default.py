"""[DEFAULT] options every daemon reads: identity of the host, liveness."""
import socket

from oslo_config import cfg

opts = [
    cfg.StrOpt('host', default=socket.gethostname(), sample_default='<hostname>',
               help='Name of this node as the other services see it: the '
                    'compute host name, the prefix of volume backend hosts '
                    '(host@backend) and the key of its service records. Set '
                    'it when two daemons of one kind run on one machine.'),
    cfg.StrOpt('state_path', default='/opt/stack/data/stratus',
               help='Top-level directory for state that must survive '
                    'restarts (database file, image store, instances).'),
    cfg.IntOpt('report_interval', default=10, min=1,
               help='Seconds between a service\'s heartbeats. Lower it for '
                    'faster down detection at the cost of more DB writes.'),
    cfg.IntOpt('service_down_time', default=60, min=1,
               help='A service whose last heartbeat is older than this many '
                    'seconds is shown as down. Keep it several times '
                    'report_interval so one slow beat does not flap.'),
    cfg.IntOpt('graceful_shutdown_timeout', default=30, min=0,
               help='Seconds a daemon waits for in-flight RPC work to finish '
                    'on SIGTERM before it exits anyway.'),
    cfg.StrOpt('internal_service_availability_zone', default='internal',
               help='Availability zone shown for control services '
                    '(scheduler, conductor) in compute service lists.'),
    cfg.StrOpt('default_availability_zone', default='nova',
               help='Availability zone of compute hosts that are not in a '
                    'zone of their own.'),
    cfg.StrOpt('storage_availability_zone', default='nova',
               help='Availability zone of this node\'s volume backends.'),
    cfg.IntOpt('rpc_call_retry_interval', default=2, min=1,
               help='Seconds between attempts to write a starting daemon\'s '
                    'service record while the database or the conductor '
                    'cannot be reached.'),
]


def list_opts():
    return [(None, opts)]
