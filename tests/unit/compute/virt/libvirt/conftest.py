"""The middle tier: the real libvirt driver against libvirt's test driver
(test:///default: no qemu, ~0.25 ms per lifecycle call) with real
qemu-img overlays in a temporary instances path and a fake image
service."""
import shutil
import uuid

import pytest

libvirt = pytest.importorskip('libvirt')
if not shutil.which('qemu-img'):
    pytest.skip('qemu-img is not installed', allow_module_level=True)

from stratus.common.conf import CONF  # noqa: E402
from stratus.compute.virt.libvirt import driver as libvirt_driver  # noqa

MiB = 1024 * 1024
CTXT = {'auth_token': 'token', 'request_id': 'req-test'}


class FakeImageService:
    """download() as stratus.common.image_client does it, from a dict."""

    def __init__(self):
        self.images = {}
        self.downloads = []

    def add(self, image_id, data, disk_format='raw', **properties):
        self.images[image_id] = (data, dict(properties, id=image_id,
                                            disk_format=disk_format))

    def download(self, image_id, path):
        self.downloads.append(image_id)
        data, image = self.images[image_id]
        with open(path, 'wb') as f:
            f.write(data)
        return dict(image)


@pytest.fixture
def images():
    service = FakeImageService()
    service.add('img', b'\0' * MiB)
    service.add('kern', b'kernel', 'aki')
    service.add('ramd', b'ramdisk', 'ari')
    service.add('kimg', b'\0' * MiB, 'ami', kernel_id='kern',
                ramdisk_id='ramd', os_command_line='console=ttyS0')
    return service


def _remove_test_domains():
    conn = libvirt.open('test:///default')
    try:
        for domain in conn.listAllDomains(0):
            if domain.name() == 'test':      # the test driver's own
                continue
            if domain.isActive():
                domain.destroy()
            if domain.isPersistent():
                domain.undefineFlags(
                    libvirt.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)
    finally:
        conn.close()


@pytest.fixture
def make_driver(tmp_path, images):
    """make_driver(host) -> an initialised LibvirtDriver with its own
    instances path, all on the one test:///default connection."""
    CONF.set_override('connection_uri', 'test:///default', 'libvirt')
    CONF.set_override('virt_type', 'qemu', 'libvirt')
    CONF.set_override('shutdown_timeout', 1)

    def make(host='host-a'):
        CONF.set_override('instances_path', str(tmp_path / host), 'libvirt')
        drv = libvirt_driver.LibvirtDriver(client_factory=lambda c: images)
        drv.init_host(host)
        return drv
    yield make
    _remove_test_domains()
    for name in ('connection_uri', 'virt_type', 'instances_path'):
        CONF.clear_override(name, 'libvirt')
    CONF.clear_override('shutdown_timeout')


@pytest.fixture
def drv(make_driver):
    return make_driver('host-a')


def _new_instance(instance_id=1, image_ref='img', memory_mb=96, root_gb=1,
                  flavorid='1'):
    return {'id': instance_id, 'uuid': str(uuid.uuid4()),
            'display_name': 'vm%d' % instance_id, 'project_id': 'p1',
            'user_id': 'u1', 'image_ref': image_ref, 'system_metadata': {},
            'vm_state': 'active', 'host': None,
            'flavor': {'flavorid': flavorid, 'name': 'm1.test',
                       'memory_mb': memory_mb, 'vcpus': 1,
                       'root_gb': root_gb, 'ephemeral_gb': 0, 'swap': 0}}


@pytest.fixture
def new_instance():
    """new_instance(id, image_ref=..., memory_mb=..., root_gb=...) -> an
    instance dict as the flows pass it."""
    return _new_instance


@pytest.fixture
def spawned(drv, new_instance):
    """A running guest of host-a booted from image 'img'."""
    instance = new_instance()
    drv.spawn(CTXT, instance, {'id': 'img', 'properties': {}})
    return instance
