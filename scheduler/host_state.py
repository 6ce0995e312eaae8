"""HostState: one compute node as the scheduler sees it during one request,
with the claims of that request added in memory.

Filters and weighers only rely on ``name`` (for logs and reasons) plus the
attributes they read, so a volume ``BackendState`` can reuse the framework.
"""
import json

from stratus.scheduler import request_spec

# Spellings that mean the same thing in image properties and node reports.
_ARCH_ALIASES = {'amd64': 'x86_64', 'x64': 'x86_64', 'x86-64': 'x86_64',
                 'arm64': 'aarch64', 'i386': 'i686', 'x86': 'i686',
                 'ppc64el': 'ppc64le'}
_VM_MODE_ALIASES = {'hv': 'hvm', 'pv': 'xen', 'baremetal': 'hvm'}


def canonical_arch(value):
    value = (value or '').strip().lower()
    return _ARCH_ALIASES.get(value, value) or None


def canonical_vm_mode(value):
    value = (value or '').strip().lower()
    return _VM_MODE_ALIASES.get(value, value) or None


def _supported_instances(hypervisor_type, cpu_info):
    """(arch, hv_type, vm_mode) triples the node can run.

    A driver may report them as cpu_info's 'supported_instances'; else the
    node runs hvm guests of its own hypervisor type, on cpu_info's 'arch'
    (None when unknown: any architecture is accepted).
    """
    listed = cpu_info.get('supported_instances')
    if listed:
        return [(canonical_arch(a), (h or '').lower(), canonical_vm_mode(m))
                for a, h, m in listed]
    return [(canonical_arch(cpu_info.get('arch')),
             (hypervisor_type or '').lower(), 'hvm')]


def parse_cpu_info(text):
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


class HostState:
    """Totals come from compute_nodes, usage from the allocations table
    (the authority, like placement), limits from the allocation ratios."""

    def __init__(self, host, node, *, uuid=None, availability_zone=None,
                 hypervisor_type='', hypervisor_version=0, cpu_info=None,
                 vcpus=0, memory_mb=0, disk_gb=0, used=None,
                 ratios=(1.0, 1.0, 1.0), service_up=False,
                 service_disabled=False, disabled_reason=None,
                 has_service=True, instances=()):
        self.host = host
        self.node = node
        self.uuid = uuid
        self.availability_zone = availability_zone
        self.hypervisor_type = hypervisor_type or ''
        self.hypervisor_version = hypervisor_version
        self.cpu_info = cpu_info or {}
        self.supported_instances = _supported_instances(
            self.hypervisor_type, self.cpu_info)
        self.total_vcpus = vcpus
        self.total_memory_mb = memory_mb
        self.total_disk_gb = disk_gb
        used = used or {}
        self.used_vcpus = used.get('vcpus', 0)
        self.used_memory_mb = used.get('memory_mb', 0)
        self.used_disk_gb = used.get('disk_gb', 0)
        (self.cpu_allocation_ratio, self.ram_allocation_ratio,
         self.disk_allocation_ratio) = ratios
        self.service_up = service_up
        self.service_disabled = service_disabled
        self.disabled_reason = disabled_reason
        self.has_service = has_service
        # Instance (and migration) uuids placed here: same/different host.
        self.instances = set(instances)

    @property
    def name(self):
        """The host, or host:node when a host has nodes of other names."""
        return (self.host if self.node in (None, self.host)
                else '%s:%s' % (self.host, self.node))

    # Limits are what may be allocated; free may go negative when a ratio
    # is lowered below what is already placed.
    @property
    def limit_vcpus(self):
        return self.total_vcpus * self.cpu_allocation_ratio

    @property
    def limit_memory_mb(self):
        return self.total_memory_mb * self.ram_allocation_ratio

    @property
    def limit_disk_gb(self):
        return self.total_disk_gb * self.disk_allocation_ratio

    @property
    def free_vcpus(self):
        return self.limit_vcpus - self.used_vcpus

    @property
    def free_memory_mb(self):
        return self.limit_memory_mb - self.used_memory_mb

    @property
    def free_disk_gb(self):
        return self.limit_disk_gb - self.used_disk_gb

    def consume(self, spec, consumer_uuid=None):
        """Add one instance of `spec` to this host (a claim not yet in the
        loaded usage), so the next pick of the request sees it."""
        claim = request_spec.resources(spec)
        self.used_vcpus += claim['vcpus']
        self.used_memory_mb += claim['memory_mb']
        self.used_disk_gb += claim['disk_gb']
        if consumer_uuid:
            self.instances.add(consumer_uuid)
        return claim

    def __repr__(self):
        return ('<HostState %s: %s/%s vCPU, %s/%s MB, %s/%s GB used>' % (
            self.name, self.used_vcpus, self.limit_vcpus,
            self.used_memory_mb, self.limit_memory_mb,
            self.used_disk_gb, self.limit_disk_gb))
