"""changePassword and trigger_crash_dump in the libvirt driver: the qemu
guest agent must be announced by the image (nova's 409 otherwise), the
password goes through virDomainSetUserPassword, the NMI through
virDomainInjectNMI; libvirt's error codes become nova's exceptions."""
import libvirt
import pytest

from stratus.common import exception
from stratus.compute.virt import driver as driver_api
from stratus.compute.virt.libvirt import guest_admin

CTXT = {'auth_token': 'token', 'request_id': 'req-test'}


class Domain:
    """Records calls; raises a libvirtError with `code` when given."""

    def __init__(self, code=None):
        self.code = code
        self.calls = []

    def _maybe_raise(self):
        if self.code is not None:
            error = libvirt.libvirtError('refused')
            error.err = (self.code, 0, 'refused', 0, '', '', '', 0, 0)
            raise error

    def setUserPassword(self, user, password, flags):
        self.calls.append(('setUserPassword', user, password))
        self._maybe_raise()

    def injectNMI(self, flags):
        self.calls.append(('injectNMI',))
        self._maybe_raise()


class Guest:
    def __init__(self, code=None):
        self._domain = Domain(code)


def _with_agent(instance, **meta):
    return dict(instance, system_metadata=dict(
        {'image_hw_qemu_guest_agent': 'yes'}, **meta))


def test_agent_channel_only_when_the_image_says_so(drv, spawned,
                                                  new_instance):
    plain = drv.libvirt.get(spawned['uuid']).xml_desc()
    assert 'org.qemu.guest_agent.0' not in plain
    instance = _with_agent(new_instance(2))
    drv.spawn(CTXT, instance, {'id': 'img', 'properties': {}})
    text = drv.libvirt.get(instance['uuid']).xml_desc()
    assert "<target type='virtio' name='org.qemu.guest_agent.0'" in text


def test_password_needs_the_guest_agent(drv, spawned):
    with pytest.raises(exception.QemuGuestAgentNotEnabled) as caught:
        drv.set_admin_password(spawned, 'pw')
    assert caught.value.code == 409
    assert caught.value.message == 'QEMU guest agent is not enabled'


def test_password_through_the_agent(drv, spawned):
    drv.set_admin_password(_with_agent(spawned), 'pw')   # test driver: ok


def test_password_user_from_the_image(spawned):
    guest = Guest()
    guest_admin.set_admin_password(
        guest, _with_agent(spawned, image_os_admin_user='admin'), 'pw')
    assert guest._domain.calls == [('setUserPassword', 'admin', 'pw')]
    guest = Guest()
    guest_admin.set_admin_password(guest, _with_agent(spawned), 'pw')
    assert guest._domain.calls == [('setUserPassword', 'root', 'pw')]


def test_password_agent_unresponsive_is_not_implemented(spawned):
    with pytest.raises(NotImplementedError):
        guest_admin.set_admin_password(
            Guest(libvirt.VIR_ERR_AGENT_UNRESPONSIVE), _with_agent(spawned),
            'pw')


def test_password_other_libvirt_errors(spawned):
    with pytest.raises(driver_api.DriverError) as caught:
        guest_admin.set_admin_password(
            Guest(libvirt.VIR_ERR_INTERNAL_ERROR), _with_agent(spawned),
            'pw')
    assert 'set password for username "root"' in caught.value.message


def test_crash_dump_on_the_test_driver(drv, spawned):
    drv.trigger_crash_dump(spawned)


@pytest.mark.parametrize('code,raised', [
    (libvirt.VIR_ERR_NO_SUPPORT, exception.TriggerCrashDumpNotSupported),
    (libvirt.VIR_ERR_OPERATION_INVALID, exception.InstanceNotRunning),
    (libvirt.VIR_ERR_INTERNAL_ERROR, driver_api.DriverError),
])
def test_crash_dump_errors(spawned, code, raised):
    with pytest.raises(raised):
        guest_admin.trigger_crash_dump(Guest(code), spawned)
