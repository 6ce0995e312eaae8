"""Flavor extra spec validation (2.86): keys of a namespace nova knows must
be keys nova knows, with a value of the right form; keys without a
namespace, or of a namespace nova does not know, are taken as they are.

Value kinds follow nova's validators: ('bool',), ('int', min), ('enum',
values), ('regex', pattern) and ('any',).
"""
import re

from stratus.common import exception

_CPU_MAP = r'\^?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*'
_GROUP = r'([a-zA-Z0-9_-]{1,64})?'
BOOL = ('bool',)
ANY = ('any',)


def _int(minimum=None):
    return ('int', minimum)


def _enum(*values):
    return ('enum', values)


# (name regex, value kind). Names are matched whole.
_HW = {
    'hw:cpu_realtime': BOOL,
    'hw:cpu_realtime_mask': ('regex', r'(\^)?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*'),
    'hw:hide_hypervisor_id': BOOL,
    'hw:cpu_policy': _enum('dedicated', 'shared', 'mixed'),
    'hw:cpu_thread_policy': _enum('prefer', 'isolate', 'require'),
    'hw:emulator_threads_policy': _enum('isolate', 'share'),
    'hw:cpu_dedicated_mask': ('regex', _CPU_MAP),
    'hw:mem_page_size': ('regex', r'(large|small|any|\d+([kKMGT]i?)?'
                                  r'(b|bit|B)?)'),
    'hw:numa_nodes': _int(1),
    r'hw:numa_cpus\.\d+': ('regex', _CPU_MAP),
    r'hw:numa_mem\.\d+': _int(1),
    'hw:pci_numa_affinity_policy': _enum('required', 'preferred', 'legacy',
                                         'socket'),
    'hw:cpu_sockets': _int(1), 'hw:cpu_cores': _int(1),
    'hw:cpu_threads': _int(1), 'hw:max_cpu_sockets': _int(1),
    'hw:max_cpu_cores': _int(1), 'hw:max_cpu_threads': _int(1),
    'hw:boot_menu': BOOL, 'hw:mem_encryption': BOOL,
    'hw:pmem': ('regex', r'([a-zA-Z0-9_]+(,)?)+'),
    'hw:pmu': BOOL, 'hw:serial_port_count': _int(0),
    'hw:tpm_model': _enum('tpm-tis', 'tpm-crb'),
    'hw:tpm_version': _enum('1.2', '2.0'),
    'hw:watchdog_action': _enum('none', 'pause', 'poweroff', 'reset',
                                'disabled'),
    'hw:cpu_max_frequency': _int(0), 'hw:cpu_min_frequency': _int(0),
    'hw:locked_memory': BOOL, 'hw:virtio_packed_ring': BOOL,
    'hw:vif_multiqueue_enabled': BOOL,
    'hw:maxphysaddr_mode': _enum('emulate', 'passthrough'),
    'hw:maxphysaddr_bits': _int(1),
    'hw:viommu_model': _enum('intel', 'smmuv3', 'virtio', 'auto'),
    'hw:ephemeral_encryption': BOOL,
    'hw:ephemeral_encryption_format': _enum('luks', 'plain'),
    'hw:cpu_realtime_priority': _int(1),
    'hw:tpm_secret_security': _enum('user', 'host', 'deployment'),
}
_OTHERS = {
    'hw_rng:allowed': BOOL, 'hw_rng:rate_bytes': _int(0),
    'hw_rng:rate_period': _int(0),
    'hw_video:ram_max_mb': _int(0),
    'os:secure_boot': _enum('disabled', 'required'),
    'accel:device_profile': ANY,
    'pci_passthrough:alias': ('regex', r'[^:]+:\d+(?:\s*,\s*[^:]+:\d+)*'),
    'aggregate_instance_extra_specs:.+': ANY,
    r'capabilities:\w+(:\w+)*': ANY,
    'resources%s:[A-Z0-9_]+' % _GROUP: _int(),
    'trait%s:[A-Z0-9_]+' % _GROUP: _enum('required', 'forbidden'),
    'hide_hypervisor_id': BOOL,
    'group_policy': _enum('isolate', 'none'),
}
# quota: (VMware) cpu/memory/disk_io/vif limits, (libvirt) cpu shares,
# disk and vif rates.
for _res in ('cpu', 'memory', 'disk_io', 'vif'):
    _OTHERS.update({'quota:%s_limit' % _res: _int(),
                    'quota:%s_reservation' % _res: _int(),
                    'quota:%s_shares_level' % _res: ANY,
                    'quota:%s_shares_share' % _res: _int()})
for _key in ('shares', 'period', 'quota'):
    _OTHERS['quota:cpu_%s' % _key] = _int(0)
for _stat in ('read', 'write', 'total'):
    for _metric in ('bytes', 'iops'):
        _OTHERS['quota:disk_%s_%s_sec' % (_stat, _metric)] = _int(0)
for _stat in ('inbound', 'outbound'):
    for _metric in ('average', 'peak', 'burst'):
        _OTHERS['quota:vif_%s_%s' % (_stat, _metric)] = _int(0)

VALIDATORS = dict(_HW, **_OTHERS)
NAMESPACES = ('hw', 'hw_rng', 'hw_video', 'os', 'accel', 'pci_passthrough',
              'aggregate_instance_extra_specs', 'capabilities', 'quota',
              'resources' + _GROUP, 'trait' + _GROUP)
_BOOLS = ('1', 't', 'true', 'on', 'y', 'yes',
          '0', 'f', 'false', 'off', 'n', 'no')


def _fail(text):
    raise exception.Invalid('Validation failed; %s' % text)


def _check_value(kind, value):
    if kind[0] == 'bool' and value.lower() not in _BOOLS:
        _fail("'%s' is not a valid boolean-like value." % value)
    elif kind[0] == 'int':
        try:
            number = int(value)
        except ValueError:
            _fail("'%s' is not a valid integer value." % value)
        if kind[1] is not None and number < kind[1]:
            _fail("'%s' is less than the min value of '%s'." % (value,
                                                                kind[1]))
    elif kind[0] == 'enum' and value not in kind[1]:
        _fail("'%s' is not one of: %s." % (value, ', '.join(kind[1])))
    elif kind[0] == 'regex' and not re.fullmatch(kind[1], value):
        _fail("'%s' is not of the format '%s'." % (value, kind[1]))


def validate(name, value):
    """Raise a 400 unless the extra spec `name`=`value` may be set."""
    kind = VALIDATORS.get(name)
    if kind is None:
        kind = next((k for pattern, k in VALIDATORS.items()
                     if re.fullmatch(pattern, name)), None)
    if kind is not None:
        _check_value(kind, str(value))
        return
    if ':' not in name:
        return
    namespace = name.split(':', 1)[0]
    if any(re.fullmatch(ns, namespace) for ns in NAMESPACES):
        _fail("extra spec '%s' does not appear to be a valid extra spec."
              % name)
