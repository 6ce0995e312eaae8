"""[api] options of stratus-api: the listener and its workers."""
from oslo_config import cfg

opts = [
    cfg.HostAddressOpt('bind_host', default='0.0.0.0',
                       help='Address the API listens on.'),
    cfg.PortOpt('bind_port', default=80,
                help='Port serving all REST surfaces (/identity, /compute, '
                     '/volume, /image), as devstack does behind Apache.'),
    cfg.IntOpt('workers', default=1, min=1,
               help='Worker processes sharing the port (SO_REUSEPORT). More '
                    'workers use more cores and more memory.'),
    cfg.IntOpt('threads', default=16, min=1,
               help='Request threads per worker.'),
    cfg.IntOpt('rpc_send_retries', default=1, min=0,
               help='Reconnection attempts an API request makes when the '
                    'message broker cannot be reached before it answers 503 '
                    '(each waits rabbit_retry_interval and more). Daemons '
                    'retry until the broker is back.'),
    cfg.StrOpt('public_endpoint',
               help='Base URL (scheme://host[:port]) used in links and '
                    'version documents instead of the request\'s Host. '
                    'Set it behind a proxy.'),
    cfg.IntOpt('max_limit', default=1000, min=1,
               help='Largest page a list request returns.'),
]


# oslo.middleware's sizelimit option, declared as it declares it (same
# group, name, default and help) so both can live in one ConfigOpts.
middleware_opts = [
    cfg.IntOpt('max_request_body_size', default=114688,
               help='The maximum body size for each request, in bytes.'),
]


def list_opts():
    return [('api', opts), ('oslo_middleware', middleware_opts)]
