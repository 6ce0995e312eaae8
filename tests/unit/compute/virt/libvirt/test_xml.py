"""The domain XML builders, checked on the elements they render (no
libvirt needed)."""
from xml.etree import ElementTree as ET

from stratus.compute.virt.libvirt import xml

UUID = '0b9a3e2e-7b7e-4b43-9d3c-2f8a7f6c1a11'


def _domain(**kw):
    values = dict(name='instance-0000002a', uuid=UUID, memory_mib=96,
                  vcpus=2, virt_type='qemu',
                  owner=xml.Owner(host='compute1', instance_name='vm1',
                                  flavor_name='m1.test', project_id='p',
                                  user_id='u'),
                  disks=[xml.Disk('/i/%s/disk' % UUID)],
                  console=xml.SerialConsole('/i/%s/console.log' % UUID))
    values.update(kw)
    return xml.Domain(**values)


def _parse(domain):
    return ET.fromstring(domain.to_xml())


def test_identity_size_and_type():
    root = _parse(_domain())
    assert root.get('type') == 'qemu'
    assert root.findtext('name') == 'instance-0000002a'
    assert root.findtext('uuid') == UUID
    assert root.find('memory').get('unit') == 'MiB'
    assert root.findtext('memory') == '96'
    assert root.findtext('vcpu') == '2'
    assert root.find('os/type').get('machine') == 'pc'
    assert root.find('features/acpi') is not None


def test_owner_in_namespaced_metadata_round_trips():
    root = _parse(_domain())
    (element,) = list(root.find('metadata'))
    assert element.tag == '{%s}instance' % xml.METADATA_NS
    owner = xml.Owner.parse(ET.tostring(element, encoding='unicode'))
    assert owner == xml.Owner(host='compute1', instance_name='vm1',
                              flavor_name='m1.test', project_id='p',
                              user_id='u')


def test_owner_parse_as_libvirt_returns_it_and_rejects_junk():
    # libvirt's metadata() gives the element back without a prefix.
    text = ('<instance xmlns="%s"><owner host="h2"/><name>x</name>'
            '</instance>' % xml.METADATA_NS)
    assert xml.Owner.parse(text).host == 'h2'
    assert xml.Owner.parse('<instance/>') is None
    assert xml.Owner.parse('not xml') is None


def test_disk_boot_without_kernel():
    os_ = _parse(_domain()).find('os')
    assert os_.find('boot').get('dev') == 'hd'
    assert os_.find('kernel') is None


def test_direct_kernel_boot():
    os_ = _parse(_domain(kernel_boot=xml.KernelBoot(
        '/b/k', '/b/r', 'console=ttyS0'))).find('os')
    assert os_.findtext('kernel') == '/b/k'
    assert os_.findtext('initrd') == '/b/r'
    assert os_.findtext('cmdline') == 'console=ttyS0'
    assert os_.find('boot') is None


def test_virtio_qcow2_disks_in_order():
    root = _parse(_domain(disks=[xml.Disk('/a', 'vda'),
                                 xml.Disk('/b', 'vdb', cache='writeback')]))
    disks = root.findall('devices/disk')
    assert [d.find('target').get('dev') for d in disks] == ['vda', 'vdb']
    assert disks[0].find('target').get('bus') == 'virtio'
    assert disks[0].find('driver').attrib == {'name': 'qemu',
                                              'type': 'qcow2',
                                              'cache': 'none'}
    assert disks[1].find('driver').get('cache') == 'writeback'
    assert disks[0].find('source').get('file') == '/a'


def test_block_disk_for_volumes():
    disk = xml.Disk('/dev/vg/lv', 'vdb', driver_type='raw',
                    source_type='block', serial='vol-1').element()
    assert disk.get('type') == 'block'
    assert disk.find('source').get('dev') == '/dev/vg/lv'
    assert disk.findtext('serial') == 'vol-1'


def test_serial_console_logged_to_file():
    devices = _parse(_domain()).find('devices')
    serial = devices.find('serial')
    assert serial.get('type') == 'pty'
    assert serial.find('log').get('file') == '/i/%s/console.log' % UUID
    assert serial.find('log').get('append') == 'on'
    assert devices.find('console/target').get('type') == 'serial'


def test_tb_cache_only_under_tcg():
    tcg = _parse(_domain(tb_cache_mib=32)).find('features/tcg/tb-cache')
    assert (tcg.text, tcg.get('unit')) == ('32', 'MiB')
    kvm = _parse(_domain(virt_type='kvm', tb_cache_mib=32))
    assert kvm.find('features/tcg') is None


def test_no_balloon_unless_stats_wanted():
    assert _parse(_domain()).find('devices/memballoon').get('model') == \
        'none'
    balloon = _parse(_domain(mem_stats_period=10)).find('devices/memballoon')
    assert balloon.get('model') == 'virtio'
    assert balloon.find('stats').get('period') == '10'


def test_cpu_modes():
    assert _parse(_domain()).find('cpu') is None
    cpu = _parse(_domain(cpu=xml.Cpu('host-model'))).find('cpu')
    assert cpu.get('mode') == 'host-model' and cpu.find('model') is None
    custom = _parse(_domain(cpu=xml.Cpu('custom', 'Haswell'))).find('cpu')
    assert custom.findtext('model') == 'Haswell'


def test_escaping_is_done_by_elementtree():
    root = _parse(_domain(owner=xml.Owner(host='h', instance_name='<a&b>')))
    owner = xml.Owner.parse(ET.tostring(list(root.find('metadata'))[0],
                                        encoding='unicode'))
    assert owner.instance_name == '<a&b>'


def test_disk_sources():
    text = _domain(disks=[xml.Disk('/a', 'vda'), xml.Disk(
        '/dev/x', 'vdb', source_type='block')]).to_xml()
    assert xml.disk_sources(text) == [('vda', '/a'), ('vdb', '/dev/x')]
