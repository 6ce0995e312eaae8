"""Options of the compute side (stratus-compute and the compute API)."""
from oslo_config import cfg

opts = [
    cfg.StrOpt('compute_driver', default='fake',
               help='Virt driver stratus-compute uses: fake (in memory, for '
                    'tests and scale benchmarks) or libvirt.'),
    cfg.IntOpt('update_resources_interval', default=60, min=1,
               help='Seconds between reports of this node\'s resources to '
                    'the conductor (hypervisor list, scheduler capacity).'),
    cfg.IntOpt('sync_power_state_interval', default=600, min=1,
               help='Seconds between comparisons of each guest\'s power '
                    'state with the database; a guest that stopped on its '
                    'own shows SHUTOFF after at most this long.'),
    cfg.IntOpt('shutdown_timeout', default=60, min=0,
               help='Seconds a guest gets to shut down cleanly on stop or '
                    'shelve before it is powered off.'),
    cfg.BoolOpt('allow_resize_to_same_host', default=False,
                help='Let a resize or migration stay on the host it runs '
                     'on (useful with a single compute host).'),
    cfg.IntOpt('shelved_offload_time', default=0, min=-1,
               help='0: a shelved instance is offloaded at once (its host '
                    'resources freed, SHELVED_OFFLOADED); -1: never '
                    'automatically (shelveOffload does it).'),
]

glance_opts = [
    cfg.ListOpt('api_servers', default=['http://127.0.0.1/image'],
                help='Image service URLs (http://HOST/image) computes use '
                     'to download images and upload snapshots; the first '
                     'is used.'),
]

fake_driver_opts = [
    cfg.IntOpt('vcpus', default=32, min=1,
               help='vCPUs each fake node reports.'),
    cfg.IntOpt('memory_mb', default=131072, min=1,
               help='Memory (MiB) each fake node reports.'),
    cfg.IntOpt('local_gb', default=2048, min=1,
               help='Disk (GiB) each fake node reports.'),
    cfg.ListOpt('fail_methods', default=[],
                help='Driver methods that raise instead of working (e.g. '
                     'spawn,pause): lets tests reach every revert path '
                     'through real daemons. Never set it in production.'),
]


def list_opts():
    return [(None, opts), ('fake_driver', fake_driver_opts),
            ('glance', glance_opts)]
