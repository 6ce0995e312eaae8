"""One libvirt domain as the driver sees it: power state in nova's ints,
the owner from <metadata>, lifecycle calls that never leak libvirtError
(InstanceNotFound for a missing domain, DriverError for the rest)."""
import contextlib
import time

import libvirt

from stratus.common import exception
from stratus.common import log
from stratus.compute import states
from stratus.compute.virt import driver
from stratus.compute.virt.libvirt import xml

LOG = log.getLogger(__name__)

_POWER = {libvirt.VIR_DOMAIN_NOSTATE: states.NOSTATE,
          libvirt.VIR_DOMAIN_RUNNING: states.RUNNING,
          libvirt.VIR_DOMAIN_BLOCKED: states.RUNNING,
          libvirt.VIR_DOMAIN_PAUSED: states.PAUSED_POWER,
          libvirt.VIR_DOMAIN_SHUTDOWN: states.SHUTDOWN,
          libvirt.VIR_DOMAIN_SHUTOFF: states.SHUTDOWN,
          libvirt.VIR_DOMAIN_CRASHED: states.CRASHED,
          libvirt.VIR_DOMAIN_PMSUSPENDED: states.SUSPENDED_POWER}
# Errors that mean "already in the state you asked for".
_ALREADY = (libvirt.VIR_ERR_OPERATION_INVALID,)
# nova's SHUTDOWN_RETRY_INTERVAL: QEMU drops a power button press until the
# guest's OS has enabled the button (its first seconds of boot), so a clean
# shutdown presses it again this often while it waits.
SHUTDOWN_RETRY_INTERVAL = 10


@contextlib.contextmanager
def translated(uuid=None, what='libvirt call'):
    """libvirtError -> InstanceNotFound / DriverError."""
    try:
        yield
    except libvirt.libvirtError as exc:
        if exc.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN and uuid:
            raise exception.InstanceNotFound(instance_id=uuid)
        raise driver.DriverError(reason='%s failed: %s' % (
            what, exc.get_error_message() or exc))


class Guest:
    def __init__(self, domain):
        self._domain = domain
        with translated(what='reading a domain'):
            self.uuid = domain.UUIDString()
            self.name = domain.name()

    def _call(self, what, method, *args, ignore=()):
        with translated(self.uuid, '%s of %s' % (what, self.name)):
            try:
                return getattr(self._domain, method)(*args)
            except libvirt.libvirtError as exc:
                if exc.get_error_code() in ignore:
                    return None
                raise

    # --- facts ---------------------------------------------------------------
    def owner(self):
        """The Owner recorded in <metadata>, or None (not a stratus guest)."""
        try:
            text = self._domain.metadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT,
                                         xml.METADATA_NS)
        except libvirt.libvirtError:
            return None
        return xml.Owner.parse(text)

    def state(self):
        return self._call('state', 'state')[0]

    def is_active(self):
        return bool(self._call('isActive', 'isActive'))

    def has_managed_save(self):
        return bool(self._call('hasManagedSaveImage', 'hasManagedSaveImage',
                               0))

    def power_state(self):
        state = self.state()
        if state == libvirt.VIR_DOMAIN_SHUTOFF and self.has_managed_save():
            # Suspended to disk: the power sync must not call it stopped.
            return states.SUSPENDED_POWER
        return _POWER.get(state, states.NOSTATE)

    def xml_desc(self, inactive=False):
        flags = libvirt.VIR_DOMAIN_XML_INACTIVE if inactive else 0
        return self._call('XMLDesc', 'XMLDesc', flags)

    def vcpus(self):
        return self._call('info', 'info')[3]

    def memory_mib(self):
        return self._call('info', 'info')[1] // 1024

    # --- lifecycle -----------------------------------------------------------
    # The state is asked first: drivers word "already running" with
    # different error codes (the test driver says internal error).
    def launch(self):
        """Start it (from its managed save image, if it has one)."""
        if not self.is_active():
            self._call('start', 'create', ignore=_ALREADY)

    def destroy(self):
        """Pull the plug; a guest that is off stays off."""
        if self.is_active():
            self._call('destroy', 'destroy', ignore=_ALREADY)

    def shutdown(self):
        """ACPI power button."""
        if self.is_active():
            self._call('shutdown', 'shutdown', ignore=_ALREADY)

    def pause(self):
        self._call('suspend', 'suspend')

    def unpause(self):
        self._call('resume', 'resume')

    def managed_save(self):
        self._call('managedSave', 'managedSave', 0)

    def remove_managed_save(self):
        if self.has_managed_save():
            self._call('managedSaveRemove', 'managedSaveRemove', 0)

    def wait_for_shutoff(self, timeout, interval=0.05, press_again=False):
        """True once the guest is off, False after `timeout` seconds; with
        `press_again`, the power button is pressed again every
        SHUTDOWN_RETRY_INTERVAL seconds meanwhile."""
        now = time.monotonic()
        deadline = now + timeout
        next_press = now + SHUTDOWN_RETRY_INTERVAL
        while True:
            try:
                if not self.is_active():
                    return True
                now = time.monotonic()
                if press_again and deadline > now >= next_press:
                    LOG.debug('%s: pressing the power button again',
                              self.name)
                    self.shutdown()
                    next_press = now + SHUTDOWN_RETRY_INTERVAL
            except exception.InstanceNotFound:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(interval)

    def power_off(self, timeout):
        """Clean shutdown within `timeout` seconds, then destroy. A paused
        guest cannot see the power button, so it is destroyed at once."""
        if not self.is_active():
            return
        if timeout and self.state() != libvirt.VIR_DOMAIN_PAUSED:
            started = time.monotonic()
            self.shutdown()
            if self.wait_for_shutoff(timeout, press_again=True):
                LOG.debug('%s shut down cleanly in %.2fs', self.name,
                          time.monotonic() - started)
                return
            LOG.warning('%s did not shut down within %ss; destroying it',
                        self.name, timeout)
        self.destroy()

    # --- devices -------------------------------------------------------------
    def _device_flags(self):
        """Live and persistent while it runs; persistent only when off."""
        flags = libvirt.VIR_DOMAIN_AFFECT_CONFIG
        if self.is_active():
            flags |= libvirt.VIR_DOMAIN_AFFECT_LIVE
        return flags

    def attach_device(self, device_xml):
        """Plug a device in; True when it went into the running guest."""
        flags = self._device_flags()
        self._call('attachDeviceFlags', 'attachDeviceFlags', device_xml,
                   flags)
        return bool(flags & libvirt.VIR_DOMAIN_AFFECT_LIVE)

    def detach_device(self, device_xml, live_xml=None):
        """Unplug a device: from the persistent definition (if it has it)
        and from the running guest (if `live_xml`, the device as the live
        domain has it, is given). True when the live guest was asked."""
        if live_xml is not None and self.is_active():
            self._call('detachDeviceFlags', 'detachDeviceFlags', live_xml,
                       libvirt.VIR_DOMAIN_AFFECT_LIVE)
            live = True
        else:
            live = False
        if device_xml is not None:
            self._call('detachDeviceFlags', 'detachDeviceFlags', device_xml,
                       libvirt.VIR_DOMAIN_AFFECT_CONFIG)
        return live

    def block_resize(self, target, size_bytes):
        self._call('resizing disk %s' % target, 'blockResize', target,
                   size_bytes, libvirt.VIR_DOMAIN_BLOCK_RESIZE_BYTES)

    def undefine(self):
        """Remove the definition (and any managed save image)."""
        flags = (libvirt.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
                 libvirt.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)
        self._call('undefine', 'undefineFlags', flags)
