"""extend_volume in the libvirt driver (nova's: virDomainBlockResize in
bytes on the disk of the volume while the guest runs; a stopped guest
reads the size at boot)."""
import pytest

from stratus.compute.virt import driver as driver_api
from stratus.compute.virt.libvirt import guest as guest_mod
from stratus.compute.virt.libvirt import volumes

libvirt = pytest.importorskip('libvirt')
from tests.unit.compute.virt.libvirt.test_volumes import (  # noqa: E402
    LOCAL, NBD, RecordingDomain)


class ResizingDomain(RecordingDomain):
    def blockResize(self, disk, size, flags):
        self.calls.append(('resize', disk, size, flags))


def test_running_guest_disk_is_resized_in_bytes():
    domain = ResizingDomain()
    guest = guest_mod.Guest(domain)
    volumes.attach(guest, LOCAL, '/dev/vdb')
    volumes.extend(guest, LOCAL, 2 * 1024 ** 3)
    assert domain.calls[-1] == ('resize', 'vdb', 2 * 1024 ** 3,
                                libvirt.VIR_DOMAIN_BLOCK_RESIZE_BYTES)


def test_stopped_guest_is_left_alone():
    domain = ResizingDomain(active=False)
    volumes.extend(guest_mod.Guest(domain), LOCAL, 2 * 1024 ** 3)
    assert domain.calls == []


def test_volume_not_on_the_guest_is_an_error():
    domain = ResizingDomain()
    guest = guest_mod.Guest(domain)
    volumes.attach(guest, LOCAL, '/dev/vdb')
    with pytest.raises(driver_api.DriverError, match='vol-2'):
        volumes.extend(guest, NBD, 2 * 1024 ** 3)
