"""The libvirt driver's glue against libvirt's test driver: define,
start, stop, pause, suspend, reboot, destroy, ownership by metadata,
the image cache and the node report."""
import json
import os

import pytest

from stratus.common import exception
from stratus.compute import states
from stratus.compute.virt import driver as driver_api
from stratus.compute.virt import loader

CTXT = {'auth_token': 'token', 'request_id': 'req-test'}
IMG = {'id': 'img', 'properties': {}}


def _domain_xml(drv, instance):
    return drv.libvirt.get(instance['uuid']).xml_desc()


def test_loader_knows_libvirt(make_driver):
    from stratus.compute.virt.libvirt import driver
    assert isinstance(loader.load_driver('libvirt'), driver.LibvirtDriver)


def test_spawn_defines_and_starts_with_an_overlay(drv, spawned):
    assert drv.get_power_state(spawned) == states.RUNNING
    text = _domain_xml(drv, spawned)
    assert '<name>instance-00000001</name>' in text
    assert 'host="host-a"' in text
    disk = drv.disk_path(spawned['uuid'])
    from stratus.compute.virt.libvirt import disks
    details = disks.info(disk, 'qcow2')
    assert details['virtual-size'] == 1024 ** 3          # root_gb 1
    assert details['full-backing-filename'] == drv.cache.path('img')
    assert details['backing-filename-format'] == 'raw'
    assert 'console.log' in text


def test_spawn_powered_off(drv, new_instance):
    instance = new_instance()
    drv.spawn(CTXT, instance, IMG, power_on=False)
    assert drv.get_power_state(instance) == states.SHUTDOWN


def test_direct_kernel_boot_from_image_properties(drv, new_instance, images):
    instance = new_instance(image_ref='kimg')
    drv.spawn(CTXT, instance, {'id': 'kimg', 'properties': {}})
    text = _domain_xml(drv, instance)
    assert '<kernel>%s</kernel>' % drv.cache.path('kern') in text
    assert '<initrd>%s</initrd>' % drv.cache.path('ramd') in text
    assert '<cmdline>console=ttyS0</cmdline>' in text
    assert sorted(images.downloads) == ['kern', 'kimg', 'ramd']


def test_images_are_downloaded_once(drv, new_instance, images):
    for n in (1, 2, 3):
        drv.spawn(CTXT, new_instance(n), IMG)
    assert images.downloads == ['img']
    facts = json.load(open(drv.cache.path('img') + '.info'))
    assert facts['format'] == 'raw' and facts['virtual_size'] == 1024 ** 2


def test_qcow2_image_with_a_backing_file_is_refused(drv, new_instance,
                                                    images, tmp_path):
    from stratus.compute.virt.libvirt import disks
    evil = str(tmp_path / 'evil.qcow2')
    disks.create_overlay('/etc/hostname', 'raw', evil)
    images.add('evil', open(evil, 'rb').read(), 'qcow2')
    with pytest.raises(driver_api.DriverError, match='standalone'):
        drv.spawn(CTXT, new_instance(), {'id': 'evil', 'properties': {}})
    assert drv.cache.get('evil') is None


def test_flavor_disk_smaller_than_image(drv, new_instance, images):
    images.add('big', b'\0' * (3 * 1024 * 1024))
    instance = new_instance()
    instance['flavor']['root_gb'] = 0     # 0: the image's own size
    drv.spawn(CTXT, instance, {'id': 'big', 'properties': {}})
    drv.destroy(instance)
    from stratus.compute.virt.libvirt import driver as libvirt_driver
    facts = {'id': 'big', 'virtual_size': 2 * 1024 ** 3}
    with pytest.raises(driver_api.DriverError, match='smaller than image'):
        libvirt_driver.LibvirtDriver.root_size(new_instance(), facts)


def test_power_cycle(drv, spawned):
    drv.power_off(spawned, timeout=1)
    assert drv.get_power_state(spawned) == states.SHUTDOWN
    drv.power_off(spawned, timeout=1)                 # again: no-op
    drv.power_on(spawned)
    assert drv.get_power_state(spawned) == states.RUNNING
    drv.power_on(spawned)
    assert drv.get_power_state(spawned) == states.RUNNING


def test_reboots(drv, spawned):
    drv.reboot(spawned, 'SOFT')
    assert drv.get_power_state(spawned) == states.RUNNING
    drv.reboot(spawned, 'HARD')
    assert drv.get_power_state(spawned) == states.RUNNING


def test_pause_and_unpause(drv, spawned):
    drv.pause(spawned)
    assert drv.get_power_state(spawned) == states.PAUSED_POWER
    drv.unpause(spawned)
    assert drv.get_power_state(spawned) == states.RUNNING


def test_a_paused_guest_is_stopped_at_once(drv, spawned):
    drv.pause(spawned)
    drv.power_off(spawned, timeout=60)
    assert drv.get_power_state(spawned) == states.SHUTDOWN


def test_suspend_is_a_managed_save(drv, spawned):
    drv.suspend(spawned)
    # Shut off with a saved state: suspended, not stopped, for the sync.
    assert drv.get_power_state(spawned) == states.SUSPENDED_POWER
    drv.resume(spawned)
    assert drv.get_power_state(spawned) == states.RUNNING


def test_stop_drops_a_saved_state(drv, spawned):
    drv.suspend(spawned)
    drv.power_off(spawned)
    assert drv.get_power_state(spawned) == states.SHUTDOWN


def test_destroy_removes_domain_and_files(drv, spawned):
    directory = drv.instance_dir(spawned['uuid'])
    assert os.path.isdir(directory)
    drv.destroy(spawned)
    assert drv.list_instance_uuids() == []
    assert not os.path.exists(directory)
    drv.destroy(spawned)                              # missing: no-op
    with pytest.raises(exception.InstanceNotFound):
        drv.get_power_state(spawned)


def test_destroy_keeping_disks(drv, spawned):
    drv.destroy(spawned, destroy_disks=False)
    assert os.path.exists(drv.disk_path(spawned['uuid']))


def test_missing_guest_is_instance_not_found(drv, new_instance):
    for call in (drv.get_power_state, drv.pause, drv.suspend,
                 drv.power_on, drv.get_console_output):
        with pytest.raises(exception.InstanceNotFound):
            call(new_instance())


def test_each_host_sees_only_its_own_guests(make_driver, new_instance):
    a, b = make_driver('host-a'), make_driver('host-b')
    mine, theirs = new_instance(1), new_instance(2)
    a.spawn(CTXT, mine, IMG)
    b.spawn(CTXT, theirs, IMG)
    assert a.list_instance_uuids() == [mine['uuid']]
    assert b.list_instance_uuids() == [theirs['uuid']]
    with pytest.raises(exception.InstanceNotFound):
        a.get_power_state(theirs)
    # Destroying another host's guest leaves its domain alone.
    a.destroy(theirs)
    assert b.get_power_state(theirs) == states.RUNNING
    assert a.get_available_resource().running_vms == 1


def test_never_defines_over_another_hosts_guest(make_driver, new_instance):
    a, b = make_driver('host-a'), make_driver('host-b')
    instance = new_instance()
    a.spawn(CTXT, instance, IMG)
    with pytest.raises(driver_api.DriverError, match='of host host-a'):
        b.spawn(CTXT, instance, IMG)
    assert a.get_power_state(instance) == states.RUNNING


def test_domain_names_come_from_the_template(drv, new_instance):
    from stratus.common.conf import CONF
    CONF.set_override('instance_name_template', 'e2e-%08x', 'libvirt')
    try:
        instance = new_instance(255)
        drv.spawn(CTXT, instance, IMG)
        assert drv.libvirt.get(instance['uuid']).name == 'e2e-000000ff'
    finally:
        CONF.clear_override('instance_name_template', 'libvirt')


def test_console_output_is_the_end_of_the_log(drv, spawned):
    from stratus.common.conf import CONF
    path = os.path.join(drv.instance_dir(spawned['uuid']), 'console.log')
    assert drv.get_console_output(spawned) == ''
    with open(path, 'wb') as f:
        f.write(b'\x1b[0mboot\r\n' + b'x' * 200 + b'\nstratus test guest up\n')
    assert drv.get_console_output(spawned).endswith('stratus test guest up\n')
    CONF.set_override('console_log_max_bytes', 1024, 'libvirt')
    try:
        with open(path, 'ab') as f:
            f.write(b'line\n' * 1000)
        text = drv.get_console_output(spawned)
        assert len(text) <= 1024 and text.startswith('line\n')
    finally:
        CONF.clear_override('console_log_max_bytes', 'libvirt')


def test_node_report(drv, spawned):
    node = drv.get_available_resource()
    assert node.hypervisor_hostname == 'host-a'
    assert node.hypervisor_type == 'QEMU'
    assert isinstance(node.hypervisor_version, int)
    assert node.vcpus > 0 and node.memory_mb > 0 and node.local_gb > 0
    assert node.vcpus_used == 1 and node.running_vms == 1
    assert 'arch' in json.loads(node.cpu_info)
