"""Domain XML from small typed pieces: each dataclass renders itself as an
ElementTree element; nothing is built by string formatting. Only what
stratus guests use is modelled (direct kernel or disk boot, virtio disks,
a serial console logged to a file, the owner in <metadata>)."""
import dataclasses
from xml.etree import ElementTree as ET

# Namespace of the <metadata> element that names the owning stratus host.
METADATA_NS = 'urn:stratus:libvirt:instance:1'
METADATA_PREFIX = 'stratus'


def _sub(parent, tag, text=None, **attrs):
    element = ET.SubElement(parent, tag, {k.rstrip('_'): str(v)
                                          for k, v in attrs.items()
                                          if v is not None})
    if text is not None:
        element.text = str(text)
    return element


@dataclasses.dataclass
class Owner:
    """Who the guest belongs to: the stratus compute host (the filter of
    list_instance_uuids) and, for people reading `virsh dumpxml`, what it
    is."""
    host: str
    instance_name: str = ''
    flavor_name: str = ''
    project_id: str = ''
    user_id: str = ''

    def element(self):
        ET.register_namespace(METADATA_PREFIX, METADATA_NS)
        q = '{%s}' % METADATA_NS
        root = ET.Element(q + 'instance')
        _sub(root, q + 'owner', host=self.host)
        _sub(root, q + 'name', self.instance_name)
        _sub(root, q + 'flavor', name=self.flavor_name)
        _sub(root, q + 'project', id_=self.project_id)
        _sub(root, q + 'user', id_=self.user_id)
        return root

    @classmethod
    def parse(cls, text):
        """The Owner of a metadata element (as libvirt returns it, with or
        without the namespace), or None."""
        try:
            root = ET.fromstring(text)
        except ET.ParseError:
            return None

        def find(tag):
            for element in root.iter():
                if element.tag.split('}')[-1] == tag:
                    return element
            return None
        owner = find('owner')
        if owner is None or not owner.get('host'):
            return None
        name, flavor = find('name'), find('flavor')
        project, user = find('project'), find('user')
        return cls(host=owner.get('host'),
                   instance_name=(name.text or '') if name is not None
                   else '',
                   flavor_name=flavor.get('name', '') if flavor is not None
                   else '',
                   project_id=project.get('id', '') if project is not None
                   else '',
                   user_id=user.get('id', '') if user is not None else '')


@dataclasses.dataclass
class KernelBoot:
    """Direct kernel boot (an image with kernel_id/ramdisk_id)."""
    kernel: str
    initrd: str | None = None
    cmdline: str | None = None


@dataclasses.dataclass
class Disk:
    """A file disk (an instance's overlay), a block device ('block': a
    volume on this host) or a network disk ('network': a volume exported
    by `protocol`, `source` being the export name on `hosts`)."""
    source: str
    target: str = 'vda'
    bus: str = 'virtio'
    driver_type: str = 'qcow2'
    cache: str | None = 'none'
    source_type: str = 'file'          # 'block', 'network'
    device: str = 'disk'
    readonly: bool = False
    serial: str | None = None
    protocol: str | None = None        # network disks: 'nbd'
    hosts: list = dataclasses.field(default_factory=list)  # [(name, port)]

    def element(self):
        disk = ET.Element('disk', type=self.source_type, device=self.device)
        _sub(disk, 'driver', name='qemu', type_=self.driver_type,
             cache=self.cache)
        if self.source_type == 'block':
            _sub(disk, 'source', dev=self.source)
        elif self.source_type == 'network':
            source = _sub(disk, 'source', protocol=self.protocol,
                          name=self.source)
            for name, port in self.hosts:
                _sub(source, 'host', name=name, port=port)
        else:
            _sub(disk, 'source', file=self.source)
        _sub(disk, 'target', dev=self.target, bus=self.bus)
        if self.serial:
            _sub(disk, 'serial', self.serial)
        if self.readonly:
            _sub(disk, 'readonly')
        return disk

    def to_xml(self):
        return ET.tostring(self.element(), encoding='unicode')


@dataclasses.dataclass
class SerialConsole:
    """ttyS0 on a pty whose output virtlogd also writes to `log_path`, so
    the console log survives qemu and needs no reader attached. Appended
    across starts (a resume or reboot keeps what came before); virtlogd
    rotates it at its max_size (2 MiB)."""
    log_path: str

    def elements(self):
        serial = ET.Element('serial', type='pty')
        _sub(serial, 'log', file=self.log_path, append='on')
        _sub(serial, 'target', port=0)
        console = ET.Element('console', type='pty')
        _sub(console, 'target', type_='serial', port=0)
        return [serial, console]


@dataclasses.dataclass
class Cpu:
    mode: str                      # host-model, host-passthrough, custom
    model: str | None = None

    def element(self):
        cpu = ET.Element('cpu', mode=self.mode)
        if self.mode == 'custom' and self.model:
            _sub(cpu, 'model', self.model, fallback='allow')
        return cpu


@dataclasses.dataclass
class Domain:
    name: str
    uuid: str
    memory_mib: int
    vcpus: int
    virt_type: str = 'kvm'
    machine: str = 'pc'
    arch: str = 'x86_64'
    owner: Owner | None = None
    kernel_boot: KernelBoot | None = None
    cpu: Cpu | None = None
    tb_cache_mib: int | None = None    # TCG only
    disks: list = dataclasses.field(default_factory=list)
    console: SerialConsole | None = None
    mem_stats_period: int = 0
    # The image says hw_qemu_guest_agent: the agent's virtio channel
    # (changePassword goes through it, as in nova).
    guest_agent: bool = False

    def element(self):
        domain = ET.Element('domain', type=self.virt_type)
        _sub(domain, 'name', self.name)
        _sub(domain, 'uuid', self.uuid)
        if self.owner:
            _sub(domain, 'metadata').append(self.owner.element())
        _sub(domain, 'memory', self.memory_mib, unit='MiB')
        _sub(domain, 'vcpu', self.vcpus)
        domain.append(self._os())
        features = _sub(domain, 'features')
        _sub(features, 'acpi')
        _sub(features, 'apic')
        if self.virt_type == 'qemu' and self.tb_cache_mib:
            tcg = _sub(features, 'tcg')
            _sub(tcg, 'tb-cache', self.tb_cache_mib, unit='MiB')
        if self.cpu:
            domain.append(self.cpu.element())
        _sub(domain, 'clock', offset='utc')
        # A guest that powers off stays defined and shut off; a crash too,
        # so its console log and disk can be looked at.
        _sub(domain, 'on_poweroff', 'destroy')
        _sub(domain, 'on_reboot', 'restart')
        _sub(domain, 'on_crash', 'destroy')
        domain.append(self._devices())
        return domain

    def _os(self):
        os_ = ET.Element('os')
        _sub(os_, 'type', 'hvm', arch=self.arch, machine=self.machine)
        if self.kernel_boot:
            _sub(os_, 'kernel', self.kernel_boot.kernel)
            if self.kernel_boot.initrd:
                _sub(os_, 'initrd', self.kernel_boot.initrd)
            if self.kernel_boot.cmdline:
                _sub(os_, 'cmdline', self.kernel_boot.cmdline)
        else:
            _sub(os_, 'boot', dev='hd')
        return os_

    def _devices(self):
        devices = ET.Element('devices')
        for disk in self.disks:
            devices.append(disk.element())
        if self.console:
            devices.extend(self.console.elements())
        if self.guest_agent:
            channel = _sub(devices, 'channel', type_='unix')
            _sub(channel, 'source', mode='bind')
            _sub(channel, 'target', type_='virtio',
                 name='org.qemu.guest_agent.0')
        # No USB controller, no balloon unless asked: fewer devices boot
        # faster under TCG and cost less memory.
        _sub(devices, 'controller', type_='usb', model='none')
        balloon = _sub(devices, 'memballoon',
                       model='virtio' if self.mem_stats_period else 'none')
        if self.mem_stats_period:
            _sub(balloon, 'stats', period=self.mem_stats_period)
        return devices

    def to_xml(self):
        return ET.tostring(self.element(), encoding='unicode')


def disk_targets(domain_xml):
    """{target dev: the <disk> element as XML} of a domain's disks."""
    root = ET.fromstring(domain_xml)
    found = {}
    for disk in root.iter('disk'):
        target = disk.find('target')
        if target is not None and target.get('dev'):
            found[target.get('dev')] = ET.tostring(disk, encoding='unicode')
    return found


def disk_sources(domain_xml):
    """[(target dev, source path)] of the file and block disks."""
    root = ET.fromstring(domain_xml)
    found = []
    for disk in root.iter('disk'):
        target, source = disk.find('target'), disk.find('source')
        if target is None or source is None:
            continue
        found.append((target.get('dev'),
                      source.get('file') or source.get('dev')))
    return found
