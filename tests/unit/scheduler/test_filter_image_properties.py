"""ImagePropertiesFilter."""
from stratus.scheduler.filters import image_properties


def check(host, spec):
    return image_properties.ImagePropertiesFilter().check(host, spec)


def image(**properties):
    return {'id': 'img', 'properties': properties, 'min_ram': 0,
            'min_disk': 0}


def test_no_image_or_no_properties_passes(make_host, make_spec):
    assert check(make_host(), make_spec())[0]
    assert check(make_host(), make_spec(image=image(os_distro='cirros')))[0]


def test_hypervisor_type_must_match(make_host, make_spec):
    host = make_host(hypervisor_type='QEMU')
    assert check(host, make_spec(image=image(img_hv_type='qemu')))[0]
    passed, reason = check(host, make_spec(image=image(img_hv_type='xen')))
    assert not passed
    assert reason == 'image needs */xen/*, node supports */qemu/hvm'


def test_legacy_property_names_are_honoured(make_host, make_spec):
    host = make_host(hypervisor_type='fake')
    assert not check(host, make_spec(image=image(hypervisor_type='kvm')))[0]
    assert not check(host, make_spec(image=image(vm_mode='xen')))[0]


def test_architecture_from_cpu_info_with_aliases(make_host, make_spec):
    host = make_host(cpu_info={'arch': 'x86_64'})
    assert check(host, make_spec(image=image(hw_architecture='amd64')))[0]
    assert not check(host, make_spec(
        image=image(hw_architecture='aarch64')))[0]


def test_unknown_node_architecture_accepts_any(make_host, make_spec):
    assert check(make_host(), make_spec(
        image=image(hw_architecture='aarch64')))[0]


def test_supported_instances_reported_by_the_driver(make_host, make_spec):
    host = make_host(hypervisor_type='QEMU', cpu_info={
        'supported_instances': [['x86_64', 'kvm', 'hvm'],
                                ['x86_64', 'qemu', 'hvm']]})
    spec = make_spec(image=image(hw_architecture='x86_64', img_hv_type='kvm',
                                 hw_vm_mode='hvm'))
    assert check(host, spec)[0]
    passed, reason = check(host, make_spec(image=image(hw_vm_mode='exe')))
    assert not passed
    assert reason == ('image needs */*/exe, node supports x86_64/kvm/hvm, '
                      'x86_64/qemu/hvm')
