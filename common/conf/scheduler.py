"""[scheduler] and [filter_scheduler] options: how hosts are picked; the
[DEFAULT] allocation ratios: how far a compute node may be over-committed."""
from oslo_config import cfg

ALL_FILTERS = ['AvailabilityZoneFilter', 'ComputeFilter', 'RamFilter',
               'CoreFilter', 'DiskFilter', 'ImagePropertiesFilter',
               'ServerGroupAntiAffinityFilter', 'ServerGroupAffinityFilter',
               'SameHostFilter', 'DifferentHostFilter']
ALL_WEIGHERS = ['RAMWeigher', 'CPUWeigher', 'DiskWeigher']

allocation_ratio_opts = [
    cfg.FloatOpt('cpu_allocation_ratio', default=4.0, min=0.0,
                 help='Virtual CPUs the scheduler may place on a node per '
                      'physical CPU. Lower it for CPU-bound workloads, '
                      'raise it for mostly idle guests.'),
    cfg.FloatOpt('ram_allocation_ratio', default=1.0, min=0.0,
                 help='Guest memory the scheduler may place on a node per '
                      'MB of host memory. Above 1.0 relies on guests not '
                      'touching all their memory (swap or ballooning).'),
    cfg.FloatOpt('disk_allocation_ratio', default=1.0, min=0.0,
                 help='Guest disk the scheduler may place on a node per GB '
                      'of local disk. Above 1.0 relies on sparse (qcow2) '
                      'disks that are never filled.'),
]

scheduler_opts = []

filter_scheduler_opts = [
    cfg.ListOpt('enabled_filters', default=ALL_FILTERS,
                help='Filters a host must pass, in this order (names from '
                     'stratus.scheduler.filters.REGISTRY). Put cheap, '
                     'selective filters first; drop one to stop enforcing '
                     'its rule.'),
    cfg.ListOpt('weight_classes', default=ALL_WEIGHERS,
                help='Weighers that rank the hosts that passed the filters '
                     '(names from stratus.scheduler.weighers.REGISTRY).'),
    cfg.FloatOpt('ram_weight_multiplier', default=1.0,
                 help='Weight of free RAM in the ranking. Positive spreads '
                      'instances over hosts, negative stacks them onto the '
                      'fullest host, 0 ignores RAM.'),
    cfg.FloatOpt('cpu_weight_multiplier', default=1.0,
                 help='Weight of free vCPUs in the ranking. Positive '
                      'spreads, negative stacks, 0 ignores vCPUs.'),
    cfg.FloatOpt('disk_weight_multiplier', default=1.0,
                 help='Weight of free local disk in the ranking. Positive '
                      'spreads, negative stacks, 0 ignores disk.'),
    cfg.IntOpt('host_subset_size', default=1, min=1,
               help='Pick the destination at random among this many best '
                    'weighed hosts. 1 always takes the best; more lowers '
                    'the chance that parallel requests pile onto one host.'),
]


def list_opts():
    return [(None, allocation_ratio_opts),
            ('scheduler', scheduler_opts),
            ('filter_scheduler', filter_scheduler_opts)]
