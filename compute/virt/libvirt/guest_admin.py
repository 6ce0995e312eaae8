"""changePassword and trigger_crash_dump on a libvirt guest, as nova's
libvirt driver does them: the password through the qemu guest agent
(virDomainSetUserPassword; the image must say hw_qemu_guest_agent), the
crash dump as an NMI (virDomainInjectNMI). libvirt's error codes become
nova's exceptions, so they are read here on the raw domain."""
import libvirt
from oslo_utils import strutils

from stratus.common import exception
from stratus.common import log
from stratus.compute.virt import driver

LOG = log.getLogger(__name__)


def _admin_user(instance):
    meta = instance.get('system_metadata') or {}
    user = meta.get('image_os_admin_user')
    if user:
        return user
    return 'Administrator' if instance.get('os_type') == 'windows' \
        else 'root'


def agent_enabled(instance):
    """Whether the server's image announces the qemu guest agent."""
    meta = instance.get('system_metadata') or {}
    return strutils.bool_from_string(meta.get('image_hw_qemu_guest_agent'))


def set_admin_password(guest, instance, new_pass):
    # virt_type is kvm or qemu here: the agent must be announced.
    if not agent_enabled(instance):
        raise exception.QemuGuestAgentNotEnabled()
    user = _admin_user(instance)
    try:
        guest._domain.setUserPassword(user, new_pass, 0)
    except libvirt.libvirtError as exc:
        code = exc.get_error_code()
        if code == libvirt.VIR_ERR_AGENT_UNRESPONSIVE:
            LOG.debug('Failed to set password: QEMU agent unresponsive',
                      instance=instance)
            raise NotImplementedError()
        raise driver.DriverError(
            reason='Error from libvirt while set password for username '
                   '"%s": [Error Code %s] %s' % (user, code, exc))


def trigger_crash_dump(guest, instance):
    try:
        guest._domain.injectNMI(0)
    except libvirt.libvirtError as exc:
        code = exc.get_error_code()
        if code == libvirt.VIR_ERR_NO_SUPPORT:
            raise exception.TriggerCrashDumpNotSupported()
        if code == libvirt.VIR_ERR_OPERATION_INVALID:
            raise exception.InstanceNotRunning(instance_id=instance['uuid'])
        LOG.error('Error from libvirt while injecting an NMI: [Error Code '
                  '%s] %s', code, exc, instance=instance)
        raise driver.DriverError(reason='injecting an NMI failed: %s' % exc)
