"""A cloud of real guests for tests/e2e: two computes ('<tag>-a',
'<tag>-b') run the libvirt driver against this machine's libvirtd, each
with its own instances path; helpers to read back what libvirt holds and
to remove every domain of those hosts."""
import os
import shutil
import subprocess

from support import cloud as cloud_support

REPO = cloud_support.REPO
IMAGE_DIR = os.environ.get('STRATUS_TEST_IMAGE_DIR',
                           '/opt/stack/data/stratus/test-image')
URI = 'qemu:///system'


def _quiet(ctx, err):
    """libvirt prints each error to stderr; the callers handle them."""


def skip_reason():
    if os.geteuid() != 0:
        return 'needs root'
    if not shutil.which('qemu-system-x86_64'):
        return 'qemu-system-x86 is not installed'
    try:
        import libvirt  # noqa: F401
    except ImportError:
        return 'libvirt-python is not installed'
    if subprocess.run(['virsh', '-c', URI, 'version'], capture_output=True,
                      timeout=30).returncode:
        return 'libvirtd does not answer (tests/run.sh starts it)'
    return None


def build_test_image():
    """{'vmlinuz', 'initrd', 'disk.img': path} of
    devstack/tools/make-test-image.sh (built once, cached in IMAGE_DIR)."""
    result = subprocess.run(
        [os.path.join(REPO, 'devstack/tools/make-test-image.sh'),
         IMAGE_DIR], capture_output=True, text=True, timeout=600)
    if result.returncode:
        raise RuntimeError('make-test-image.sh failed:\n%s%s' % (
            result.stdout, result.stderr))
    return {name: os.path.join(IMAGE_DIR, name)
            for name in ('vmlinuz', 'initrd', 'disk.img')}


def virt_type():
    """kvm only with real hardware virtualisation (as devstack decides)."""
    if os.path.exists('/dev/kvm') and not os.path.isdir(
            '/sys/module/kvm_pvm') and (
            os.path.isdir('/sys/module/kvm_intel') or
            os.path.isdir('/sys/module/kvm_amd')):
        return 'kvm'
    return 'qemu'


def remove_guests(hosts):
    """Destroy and undefine every domain owned by one of `hosts`."""
    import libvirt
    from stratus.compute.virt.libvirt import guest as guest_mod
    libvirt.registerErrorHandler(_quiet, None)
    conn = libvirt.open(URI)
    try:
        for domain in conn.listAllDomains(0):
            guest = guest_mod.Guest(domain)
            owner = guest.owner()
            if owner and owner.host in hosts:
                guest.destroy()
                guest.undefine()
    finally:
        conn.close()


class E2ECloud(cloud_support.Cloud):
    """The Cloud with what the e2e tests read back: the hosts, their
    instances paths, each server's domain."""

    def __init__(self, workdir, tag, debug=True):
        self.tag = tag
        self.hosts = ('%s-a' % tag, '%s-b' % tag)
        self.instances = {h: os.path.join(workdir, 'instances-%s' % h[-1])
                          for h in self.hosts}
        super().__init__(
            workdir, computes=self.hosts,
            options={('DEFAULT', 'compute_driver'): 'libvirt',
                     ('DEFAULT', 'shutdown_timeout'): '20',
                     ('DEFAULT', 'sync_power_state_interval'): '2',
                     # Not nova's 120 s: a reset is fine where a guest does
                     # not answer (the checks read its boot counter), and
                     # one that boots answers a repeated press within it.
                     ('libvirt', 'wait_soft_reboot_seconds'): '45',
                     ('DEFAULT', 'debug'): 'true' if debug else 'false',
                     ('libvirt', 'virt_type'): virt_type(),
                     # Ids restart at 1 in every cloud on this libvirtd.
                     ('libvirt', 'instance_name_template'):
                         tag + '-%08x'},
            compute_options={h: {('libvirt', 'instances_path'): path}
                             for h, path in self.instances.items()})

    def domain(self, server_id):
        """(owner host, libvirt state, XML) of the server's domain, or
        None."""
        import libvirt
        from stratus.compute.virt.libvirt import guest as guest_mod
        libvirt.registerErrorHandler(_quiet, None)
        conn = libvirt.open(URI)
        try:
            domain = conn.lookupByUUIDString(server_id)
        except libvirt.libvirtError:
            return None
        try:
            guest = guest_mod.Guest(domain)
            owner = guest.owner()
            return (owner.host if owner else None, guest.state(),
                    domain.XMLDesc(0))
        finally:
            conn.close()


def upload_test_image(c, test_image, prefix):
    """The test image's kernel (aki), ramdisk (ari) and disk (ami, naming
    the other two) in the cloud's image service, as devstack uploads them,
    and a flavor `<prefix>.small` it boots with; returns the disk image."""
    def create(disk_format, name, path, *properties):
        return c.cli_json('image', 'create', '--public', '--disk-format',
                          disk_format, '--container-format', disk_format,
                          '--file', path, *properties, name)
    kernel = create('aki', prefix + '-kernel', test_image['vmlinuz'])
    ramdisk = create('ari', prefix + '-ramdisk', test_image['initrd'])
    c.cli('flavor', 'create', '--ram', '96', '--disk', '1', '--vcpus', '1',
          prefix + '.small')
    return create('ami', prefix + '-disk', test_image['disk.img'],
                  '--property', 'kernel_id=%s' % kernel['id'],
                  '--property', 'ramdisk_id=%s' % ramdisk['id'],
                  '--property', 'os_command_line=console=ttyS0')
