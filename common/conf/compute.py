"""Options of the compute side (stratus-compute and the compute API)."""
from oslo_config import cfg

opts = [
    cfg.StrOpt('compute_driver', default='fake',
               help='Virt driver stratus-compute uses: fake (in memory, for '
                    'tests and scale benchmarks) or libvirt (QEMU/KVM '
                    'guests, see [libvirt]).'),
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
    cfg.IntOpt('block_device_allocate_retries', default=120, min=1,
               help='How many times the build of a server booted from a '
                    'new volume looks at that volume before giving up '
                    '(the server goes to ERROR). Raise it when volumes from '
                    'large images take longer than retries x interval to '
                    'be written.'),
    cfg.FloatOpt('block_device_allocate_retries_interval', default=0.5,
                 min=0.05,
                 help='Seconds between those looks (the conductor reads the '
                      'volume\'s status from the database each time).'),
    cfg.IntOpt('reimage_timeout_per_gb', default=20, min=1,
               help='Seconds per GiB of the new image a rebuild of a '
                    'volume-backed server (2.93) waits for the block '
                    'storage\'s volume-reimaged event before the server '
                    'goes to ERROR (nova\'s option: a 6 GiB image waits '
                    '120 s).'),
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
    cfg.FloatOpt('live_migration_seconds', default=0.0, min=0.0,
                 help='How long a fake live migration stays running before '
                      'it completes (force complete and abort cut it '
                      'short): lets tests reach a running live migration.'),
]


libvirt_opts = [
    cfg.StrOpt('virt_type', default='kvm', choices=('kvm', 'qemu'),
               help='kvm on hosts with hardware virtualisation; qemu '
                    '(software emulation, TCG) where there is none, such as '
                    'a nested guest without VMX/SVM. devstack picks it from '
                    '/sys/module/kvm_intel or kvm_amd.'),
    cfg.StrOpt('connection_uri', default='qemu:///system',
               help='libvirt connection. test:///default runs every guest '
                    'in libvirt\'s own test driver (no qemu; used by the '
                    'middle tier of tests).'),
    cfg.StrOpt('instances_path', default='$state_path/instances',
               help='Where each guest\'s directory (<uuid>/disk, '
                    'console.log) and the image cache live. Two computes '
                    'on one machine need different paths; it must be on '
                    'a filesystem qemu\'s user can traverse.'),
    cfg.StrOpt('image_cache_subdirectory_name', default='_base',
               help='Subdirectory of instances_path holding each image '
                    'once (downloaded and checksum verified), the backing '
                    'file of every instance disk made from it.'),
    cfg.StrOpt('instance_name_template', default='instance-%08x',
               help='libvirt domain name of an instance, from its integer '
                    'id. Clouds sharing one libvirtd (tests) need '
                    'different templates, as ids restart at 1 per cloud.'),
    cfg.StrOpt('cpu_mode', choices=('none', 'host-model', 'host-passthrough',
                                    'custom'),
               help='Guest CPU model: host-model or host-passthrough expose '
                    'the host\'s features (kvm only). Default: host-model '
                    'for kvm, none (qemu\'s default model) for qemu.'),
    cfg.StrOpt('cpu_model',
               help='CPU model name when cpu_mode is custom (e.g. '
                    'Haswell-noTSX).'),
    cfg.StrOpt('machine_type', default='pc',
               help='QEMU machine type; pc boots faster than q35 under '
                    'software emulation and has all a virtio guest needs.'),
    cfg.IntOpt('mem_stats_period_seconds', default=0, min=0,
               help='Seconds between memory statistics of the balloon '
                    'device; 0 leaves the guest without a balloon device.'),
    cfg.IntOpt('tb_cache_mb', default=32, min=0,
               help='Translation block cache of qemu (virt_type qemu '
                    'only), in MiB. QEMU\'s default (1 GiB) makes each '
                    'guest\'s RSS grow far beyond its RAM; 0 keeps it.'),
    cfg.StrOpt('disk_cache_mode', default='none',
               choices=('none', 'writeback', 'writethrough', 'unsafe'),
               help='Cache mode of instance disks. none (O_DIRECT) falls '
                    'back to writeback where instances_path does not '
                    'support O_DIRECT (tmpfs).'),
    cfg.StrOpt('default_kernel_cmdline',
               default='root=/dev/vda console=tty0 console=ttyS0',
               help='Kernel command line of directly booted guests (images '
                    'with kernel_id) unless the image sets os_command_line.'),
    cfg.IntOpt('wait_soft_reboot_seconds', default=120, min=1,
               help='Seconds a soft reboot waits for the guest to shut '
                    'down on the ACPI power button before it resets it '
                    'instead.'),
    cfg.IntOpt('console_log_max_bytes', default=100 * 1024, min=1024,
               help='Console output returned at most (the end of '
                    '<instances_path>/<uuid>/console.log).'),
    cfg.StrOpt('migration_inbound_addr',
               help='Address (or name) other computes use to copy disks '
                    'to this host over ssh/rsync on cold migration and '
                    'resize, and the host_ip of its hypervisor record. '
                    'Default: the machine\'s host name.'),
    cfg.StrOpt('migration_ssh_user', default='root',
               help='User of the ssh/rsync copy of a disk to another '
                    'machine on cold migration and resize (computes on '
                    'the same machine copy locally).'),
]


def list_opts():
    return [(None, opts), ('fake_driver', fake_driver_opts),
            ('glance', glance_opts), ('libvirt', libvirt_opts)]
