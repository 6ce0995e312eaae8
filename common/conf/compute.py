"""Options of the compute side (stratus-compute and the compute API)."""
from oslo_config import cfg

opts = [
    cfg.StrOpt('compute_driver', default='fake',
               help='Virt driver stratus-compute uses: fake (in memory, for '
                    'tests and scale benchmarks) or libvirt.'),
]


def list_opts():
    return [(None, opts)]
