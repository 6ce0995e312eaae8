"""[quota] options: default per-project limits."""
from oslo_config import cfg

_UNLIMITED = ' -1 means unlimited.'

opts = [
    cfg.IntOpt('instances', default=10, min=-1,
               help='Servers a project may have. Raise it for projects that '
                    'run many small servers.' + _UNLIMITED),
    cfg.IntOpt('cores', default=20, min=-1,
               help='Sum of the vCPUs of a project\'s servers. The main '
                    'limit on how much CPU one project can take.' +
                    _UNLIMITED),
    cfg.IntOpt('ram', default=50 * 1024, min=-1,
               help='Sum of the RAM (MiB) of a project\'s servers.' +
                    _UNLIMITED),
    cfg.IntOpt('metadata_items', default=128, min=-1,
               help='Metadata items a server may carry; bounds the size of '
                    'server records.' + _UNLIMITED),
    cfg.IntOpt('injected_files', default=5, min=-1,
               help='Files one server create or rebuild may inject '
                    '(personality).' + _UNLIMITED),
    cfg.IntOpt('injected_file_content_bytes', default=10 * 1024, min=-1,
               help='Size in bytes of one injected file.' + _UNLIMITED),
    cfg.IntOpt('injected_file_path_bytes', default=255, min=-1,
               help='Length in bytes of an injected file\'s path.' +
                    _UNLIMITED),
    cfg.IntOpt('key_pairs', default=100, min=-1,
               help='Key pairs each user may have (key pairs belong to a '
                    'user, not to a project).' + _UNLIMITED),
    cfg.IntOpt('server_groups', default=10, min=-1,
               help='Server groups a project may have.' + _UNLIMITED),
    cfg.IntOpt('server_group_members', default=10, min=-1,
               help='Servers one server group may hold. Large anti-affinity '
                    'groups need at least as many hosts.' + _UNLIMITED),
]


def list_opts():
    return [('quota', opts)]
