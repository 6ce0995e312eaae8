"""Options of block storage: which backends a stratus-volume serves and
how each is set up, how the scheduler places volumes, volume quotas."""
from oslo_config import cfg

opts = [
    cfg.ListOpt('enabled_backends', default=['lvmdriver-1'],
                help='Backends served by this stratus-volume process, each '
                     'configured in a section of its own name and reachable '
                     'on RPC topic volume.<host>@<backend>.'),
    cfg.StrOpt('default_volume_type', default='__DEFAULT__',
               help='Volume type of volumes created without one. Point it '
                    'at a type that selects your main backend; '
                    '__DEFAULT__ (no extra specs) is created on first use '
                    'and lets the scheduler pick any backend.'),
    cfg.IntOpt('backend_stats_polling_interval', default=60, min=1,
               help='Seconds between two capacity reports of each backend '
                    'to the scheduler (backend_pools table). Lower it when '
                    'storage is also consumed outside stratus; every '
                    'backend also reports at start and after each change '
                    'it makes.'),
    cfg.IntOpt('scheduler_max_attempts', default=3, min=1,
               help='Backends a volume create may be tried on: a driver '
                    'failure sends the request back to the scheduler, '
                    'which tries another backend, until this many have '
                    'failed. 1 disables rescheduling.'),
    cfg.ListOpt('scheduler_default_filters',
                default=['AvailabilityZoneFilter', 'CapacityFilter',
                         'CapabilitiesFilter'],
                help='Filters a volume backend pool must pass, in order '
                     '(names from stratus.scheduler.filters.'
                     'BACKEND_REGISTRY). Drop CapacityFilter only for '
                     'storage that never runs full.'),
    cfg.ListOpt('scheduler_default_weighers', default=['CapacityWeigher'],
                help='Weighers that rank the volume pools that passed the '
                     'filters (stratus.scheduler.weighers.'
                     'BACKEND_REGISTRY).'),
    cfg.FloatOpt('capacity_weight_multiplier', default=1.0,
                 help='Weight of free capacity when ranking volume pools. '
                      'Positive spreads volumes over pools, negative fills '
                      'the fullest pool first, 0 ignores capacity.'),
    cfg.IntOpt('reservation_expire', default=86400, min=1,
               help='Seconds after which a volume quota reservation that '
                    'was never committed (its API process died between '
                    'reserving and creating the row) stops counting.'),
    cfg.BoolOpt('no_snapshot_gb_quota', default=False,
                help='Whether snapshots are left out of the gigabytes '
                     'quota. Set it where snapshots cost no real space.'),
    cfg.StrOpt('image_conversion_dir', default='$state_path/conversion',
               help='Where a volume host downloads an image before writing '
                    'it into a volume; needs room for the largest image.'),
    cfg.StrOpt('default_group_type', default=None,
               help='Name of the group type GET /group_types/default '
                    'answers (unset: that answers 404, as cinder does).'),
    cfg.BoolOpt('enable_force_upload', default=False,
                help='Whether os-volume_upload_image with force may upload '
                     'an in-use volume (otherwise force is ignored).'),
    cfg.ListOpt('glance_core_properties',
                default=['checksum', 'container_format', 'disk_format',
                         'image_name', 'image_id', 'min_disk', 'min_ram',
                         'name', 'size'],
                help='Image metadata of a volume that is not copied into '
                     'an image uploaded from it (the image has its own).'),
]

quota_opts = [
    cfg.IntOpt('volumes', default=10, min=-1,
               help='Volumes a project may have. -1 means unlimited.'),
    cfg.IntOpt('snapshots', default=10, min=-1,
               help='Volume snapshots a project may have. -1 means '
                    'unlimited.'),
    cfg.IntOpt('gigabytes', default=1000, min=-1,
               help='GiB of volumes (and snapshots, unless '
                    'no_snapshot_gb_quota) a project may have. -1 means '
                    'unlimited.'),
    cfg.IntOpt('backups', default=10, min=-1,
               help='Volume backups a project may have (shown for cinder '
                    'compatibility; there is no backup service yet).'),
    cfg.IntOpt('backup_gigabytes', default=1000, min=-1,
               help='GiB of volume backups a project may have (shown for '
                    'cinder compatibility).'),
    cfg.IntOpt('per_volume_gigabytes', default=-1, min=-1,
               help='Largest volume one may create or extend to, in GiB. '
                    '-1 means no limit.'),
    cfg.IntOpt('groups', default=10, min=-1,
               help='Generic volume groups a project may have. -1 means '
                    'unlimited.'),
]

backend_opts = [
    cfg.StrOpt('volume_driver', default='fake',
               help='Driver of this backend: fake (in memory) or lvm.'),
    cfg.StrOpt('volume_backend_name',
               help='Name volume types select this backend by '
                    '(extra spec volume_backend_name). Defaults to the '
                    'section name.'),
    cfg.IntOpt('reserved_percentage', default=0, min=0, max=100,
               help='Percentage of the backend\'s capacity the scheduler '
                    'keeps free (CapacityFilter). Raise it to leave room '
                    'for snapshots and growth outside stratus.'),
    cfg.FloatOpt('max_over_subscription_ratio', default=20.0, min=1.0,
                 help='How far thin provisioning may over-commit: '
                      'provisioned GiB may reach total capacity times '
                      'this ratio. Ignored for thick pools.'),
    cfg.IntOpt('fake_capacity_gb', default=1000, min=0,
               help='fake driver: the capacity its one pool reports. Set '
                    'it small to test capacity filtering.'),
    cfg.BoolOpt('fake_thin_provisioning', default=False,
                help='fake driver: report a thin pool (provisioned space '
                     'counted against total times '
                     'max_over_subscription_ratio) instead of a thick one.'),
    cfg.ListOpt('fake_fail_methods', default=[],
                help='fake driver: driver methods that raise a '
                     'VolumeBackendAPIException (create_volume, '
                     'delete_volume, extend_volume, create_snapshot, '
                     'initialize_connection ...), to test failure paths '
                     'through real daemons.'),
    # --- lvm driver ---
    cfg.StrOpt('volume_group', default='stratus-volumes',
               help='lvm driver: the LVM volume group that holds this '
                    'backend\'s volumes. It must exist (devstack makes '
                    'stack-volumes-<backend> on a loop-backed file).'),
    cfg.StrOpt('lvm_type', default='default', choices=['default', 'thin'],
               help='lvm driver: default = thick LVs (space taken at '
                    'create); thin = thin LVs in the pool <volume_group>-'
                    'pool (made when missing), over-committed up to '
                    'max_over_subscription_ratio. thin needs '
                    'device-mapper.'),
    cfg.IntOpt('lvm_mirrors', default=0, min=0,
               help='lvm driver: mirror copies of each thick LV (needs '
                    'lvm_mirrors + 2 PVs with room, and device-mapper). '
                    '0 = no mirrors.'),
    cfg.StrOpt('volume_clear', default='zero', choices=['none', 'zero'],
               help='lvm driver: how a deleted volume or snapshot is '
                    'wiped before its space is reused: zero writes zeros '
                    'over it (dd, O_DIRECT); none leaves its data for the '
                    'next LV on those extents (faster; only for trusted '
                    'tenants). Thin LVs are never wiped: unused thin space '
                    'reads as zeros.'),
    cfg.IntOpt('volume_clear_size', default=0, min=0,
               help='lvm driver: MiB wiped at the start of each deleted '
                    'volume when volume_clear=zero; 0 wipes all of it. A '
                    'size bounds delete time on large volumes but leaves '
                    'the rest readable.'),
    cfg.StrOpt('target_protocol', default='local', choices=['local', 'nbd'],
               help='lvm driver: how hosts other than this one reach a '
                    'volume. local = only this host (the block device '
                    'itself); nbd = an NBD export by qemu-storage-daemon '
                    '(a libvirt network disk), unauthenticated: bind it '
                    'to a storage network. Guests on this host always get '
                    'the block device.'),
    cfg.StrOpt('target_ip_address', default='127.0.0.1',
               help='lvm driver: address the NBD server listens on and '
                    'other hosts connect to. Set this host\'s storage '
                    'network address when target_protocol = nbd.'),
    cfg.PortOpt('target_port', default=10809,
                help='lvm driver: TCP port of the NBD server (10809 is '
                     'NBD\'s registered port). Each nbd backend on one host '
                     'needs its own port.'),
]


def list_opts():
    return [(None, opts), ('backend_defaults', backend_opts),
            ('quota', quota_opts)]
