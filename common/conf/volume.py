"""Options of stratus-volume: which backends this node serves."""
from oslo_config import cfg

opts = [
    cfg.ListOpt('enabled_backends', default=['lvmdriver-1'],
                help='Backends served by this stratus-volume process, each '
                     'configured in a section of its own name and reachable '
                     'on RPC topic volume.<host>@<backend>.'),
]

backend_opts = [
    cfg.StrOpt('volume_driver', default='fake',
               help='Driver of this backend: fake (in memory) or lvm.'),
    cfg.StrOpt('volume_backend_name',
               help='Name volume types select this backend by '
                    '(extra spec volume_backend_name). Defaults to the '
                    'section name.'),
]


def list_opts():
    return [(None, opts), ('backend_defaults', backend_opts)]
