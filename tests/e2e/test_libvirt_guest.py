"""A real guest through every operation with the unchanged `openstack`
CLI: the test image boots under QEMU (TCG here), its banner is read from
`openstack console log show`, and each operation is checked where it
happens: the domain in libvirt (owner host in its metadata, state), the
disk in the owning host's instances path, and the guest's own boot
counter on its root disk (so a moved, snapshotted or shelved disk shows
it is the same disk). The tests run in file order on one server.

Needs root, a running libvirtd (tests/run.sh starts one) and QEMU; skips
otherwise. Every domain of the cloud's two hosts, every file and image
goes afterwards, even on failure. STRATUS_KEEP_LOGS=1 keeps the work dir.
"""
import os
import re
import shutil
import tempfile
import time
import uuid

import pytest

from support import cloud as cloud_support
from support import libvirt_cloud

BOOTS = re.compile(r'disk vda: STRATUS-TEST-DISK boots=0*(\d+)')
BANNER = 'stratus test guest up'
SHUTOFF = 5          # libvirt's VIR_DOMAIN_SHUTOFF
RUNNING, PAUSED = 1, 3
state = {}


@pytest.fixture(scope='module')
def test_image():
    """kernel, ramdisk and disk of devstack/tools/make-test-image.sh
    (built once, cached)."""
    reason = libvirt_cloud.skip_reason()
    if reason:
        pytest.skip(reason)
    return libvirt_cloud.build_test_image()


@pytest.fixture(scope='module')
def cloud(test_image):
    # qemu runs as libvirt-qemu: it must traverse to the instance disks.
    workdir = tempfile.mkdtemp(prefix='stratus-e2e-', dir='/var/tmp')
    os.chmod(workdir, 0o711)
    c = libvirt_cloud.E2ECloud(workdir, 'e2e%s' % uuid.uuid4().hex[:6])
    print('e2e cloud in', workdir)
    try:
        c.start()
        _upload(c, test_image)
        c.rest = cloud_support.Rest(c)
        yield c
    finally:
        try:
            c.stop()
        finally:
            libvirt_cloud.remove_guests(c.hosts)
            if not os.environ.get('STRATUS_KEEP_LOGS'):
                shutil.rmtree(workdir, ignore_errors=True)


def _upload(c, test_image):
    libvirt_cloud.upload_test_image(c, test_image, 'e2e')
    c.cli('flavor', 'create', '--ram', '128', '--disk', '2', '--vcpus', '1',
          'e2e.big')


def _server(cloud):
    return cloud.rest.server(state['id'])


def _wait(cloud, status, timeout=120):
    return cloud.rest.wait_server(state['id'], status, timeout=timeout)


def _console(cloud):
    return cloud.rest.request(
        'POST', '/compute/v2.1/servers/%s/action' % state['id'],
        json={'os-getConsoleOutput': {'length': None}}).json()['output']


def _wait_boot(cloud, boots, timeout=90):
    """Until the guest printed its banner for boot number `boots` (or
    one of a tuple of them); then the same text through `openstack console
    log show`."""
    accept = boots if isinstance(boots, tuple) else (boots,)
    deadline = time.monotonic() + timeout
    text = ''
    while time.monotonic() < deadline:
        text = _console(cloud)
        found = BOOTS.findall(text)
        if found and int(found[-1]) in accept and \
                BANNER in text[text.rindex('boots='):]:
            break
        time.sleep(0.25)
    else:
        raise AssertionError('no banner of boot %s in:\n%s' % (boots,
                                                               text[-2000:]))
    shown = cloud.cli('console', 'log', 'show', state['id']).stdout
    assert BANNER in shown and 'boots=%s' % found[-1] in shown
    return shown


def _shut_down_cleanly(cloud, boots):
    """The guest powered itself off (the kernel's 'reboot: Power down';
    the power button line of its /init may be cut off by the power-off)
    after the boot before `boots`: a clean shutdown, not a reset. The
    console output is the log's end only, so nothing older is counted."""
    text = _console(cloud)
    starts = {int(m.group(1)): m.start() for m in BOOTS.finditer(text)}
    before = [n for n in starts if n < boots]
    assert before and boots in starts, text[-2000:]
    between = text[starts[max(before)]:starts[boots]]
    assert 'reboot: Power down' in between or \
        'ACPI power button' in between, '\n'.join(
            line for line in between.splitlines()
            if 'ACPI' in line or 'reboot' in line or not line.startswith('['))


def _where(cloud, expect_state=RUNNING):
    """The host the API names runs the guest, and holds its disk."""
    server = _server(cloud)
    host = server['OS-EXT-SRV-ATTR:host']
    owner, dom_state, _ = cloud.domain(state['id'])
    assert owner == host
    assert dom_state == expect_state
    assert os.path.exists(os.path.join(cloud.instances[host], state['id'],
                                       'disk'))
    return host


def _other(cloud, host):
    return [h for h in cloud.hosts if h != host][0]


def test_boot_and_banner(cloud):
    started = time.monotonic()
    server = cloud.cli_json('server', 'create', '--flavor', 'e2e.small',
                            '--image', 'e2e-disk', '--wait', 'vm1')
    state['id'] = server['id']
    assert server['status'] == 'ACTIVE'
    print('time to ACTIVE through the CLI: %.2fs' % (time.monotonic() -
                                                     started))
    shown = _wait_boot(cloud, 1)
    assert '254        0    1048576 vda' in shown        # 1 GiB root disk
    _where(cloud)


def test_stop_and_start(cloud):
    cloud.cli('server', 'stop', state['id'])
    _wait(cloud, 'SHUTOFF')
    _where(cloud, SHUTOFF)
    assert 'ACPI power button' in _console(cloud)      # a clean shutdown
    cloud.cli('server', 'start', state['id'])
    _wait(cloud, 'ACTIVE')
    _wait_boot(cloud, 2)


def test_reboot_soft_and_hard(cloud):
    cloud.cli('server', 'reboot', '--wait', state['id'])
    _wait_boot(cloud, 3)
    _shut_down_cleanly(cloud, 3)
    cloud.cli('server', 'reboot', '--hard', '--wait', state['id'])
    _wait_boot(cloud, 4)
    _where(cloud)


def test_soft_reboot_asked_while_booting(cloud):
    """Right after a reset the guest has not enabled its power button yet
    (QEMU drops a press until then): the press is repeated and the guest
    shuts down cleanly and boots again; no reset after the whole wait."""
    cloud.cli('server', 'reboot', '--hard', '--wait', state['id'])
    started = time.monotonic()
    cloud.cli('server', 'reboot', '--wait', state['id'])
    print('soft reboot asked while booting: %.1fs' % (time.monotonic() -
                                                      started))
    # The reset's boot may power off before it counts itself (boot 5).
    shown = _wait_boot(cloud, (5, 6))
    boots = int(BOOTS.findall(shown)[-1])
    _shut_down_cleanly(cloud, boots)
    _where(cloud)
    if boots == 5:
        # The tests below count from 6.
        cloud.cli('server', 'reboot', '--hard', '--wait', state['id'])
        _wait_boot(cloud, 6)


def test_pause_and_unpause(cloud):
    cloud.cli('server', 'pause', state['id'])
    _wait(cloud, 'PAUSED')
    _where(cloud, PAUSED)
    cloud.cli('server', 'unpause', state['id'])
    _wait(cloud, 'ACTIVE')
    _where(cloud)


def test_suspend_and_resume(cloud):
    cloud.cli('server', 'suspend', state['id'])
    _wait(cloud, 'SUSPENDED')
    _where(cloud, SHUTOFF)                     # saved to disk by libvirt
    cloud.cli('server', 'resume', state['id'])
    _wait(cloud, 'ACTIVE')
    _where(cloud)
    # The same boot continues: no new banner.
    assert BOOTS.findall(_console(cloud))[-1] == '6'


def test_rescue_and_unrescue(cloud):
    cloud.cli('server', 'rescue', state['id'])
    _wait(cloud, 'RESCUE')
    shown = _wait_boot(cloud, 1)               # the rescue image's own disk
    assert 'disk vdb: STRATUS-TEST-DISK boots=0006' in shown
    assert re.search(r'254\s+16\s+1048576 vdb', shown)   # original, second
    cloud.cli('server', 'unrescue', state['id'])
    _wait(cloud, 'ACTIVE')
    _wait_boot(cloud, 7)


def test_snapshot_then_rebuild_from_it(cloud):
    image = cloud.cli_json('server', 'image', 'create', '--name', 'e2e-snap',
                           '--wait', state['id'])
    shown = cloud.cli_json('image', 'show', image['id'])
    assert (shown['status'], shown['disk_format']) == ('active', 'qcow2')
    state['snapshot'] = image['id']
    cloud.cli('server', 'rebuild', '--image', 'e2e-snap', '--wait',
              state['id'])
    _wait(cloud, 'ACTIVE')
    assert _server(cloud)['image']['id'] == image['id']
    _wait_boot(cloud, 8)                       # the snapshot's counter + 1
    _where(cloud)


def test_shelve_and_unshelve(cloud):
    cloud.cli('server', 'shelve', state['id'])
    _wait(cloud, 'SHELVED_OFFLOADED')
    assert cloud.domain(state['id']) is None
    assert not any(os.path.exists(os.path.join(p, state['id']))
                   for p in cloud.instances.values())
    cloud.cli('server', 'unshelve', state['id'])
    _wait(cloud, 'ACTIVE')
    _wait_boot(cloud, 9)
    _where(cloud)


def test_migrate_and_confirm(cloud):
    source = _where(cloud)
    cloud.cli('server', 'migrate', '--wait', state['id'])
    _wait(cloud, 'VERIFY_RESIZE')
    dest = _where(cloud)
    assert dest == _other(cloud, source)
    assert os.path.isdir(os.path.join(cloud.instances[source],
                                      state['id'] + '_resize'))
    _wait_boot(cloud, 10)                      # the same disk, moved
    cloud.cli('server', 'resize', 'confirm', state['id'])
    _wait(cloud, 'ACTIVE')
    assert not os.path.exists(os.path.join(cloud.instances[source],
                                           state['id'] + '_resize'))
    assert _where(cloud) == dest


def test_resize_and_revert(cloud):
    source = _where(cloud)
    cloud.cli('server', 'resize', '--flavor', 'e2e.big', '--wait',
              state['id'])
    _wait(cloud, 'VERIFY_RESIZE')
    dest = _where(cloud)
    assert dest != source
    _, _, domain_xml = cloud.domain(state['id'])
    assert "<memory unit='KiB'>131072</memory>" in domain_xml
    shown = _wait_boot(cloud, 11)
    assert '254        0    2097152 vda' in shown        # grown to 2 GiB
    cloud.cli('server', 'resize', 'revert', state['id'])
    _wait(cloud, 'ACTIVE')
    assert _where(cloud) == source
    small = cloud.cli_json('flavor', 'show', 'e2e.small')['id']
    assert _server(cloud)['flavor']['id'] == small
    _, _, domain_xml = cloud.domain(state['id'])
    assert "<memory unit='KiB'>98304</memory>" in domain_xml
    assert not os.path.exists(os.path.join(cloud.instances[dest],
                                           state['id']))


def test_guest_destroyed_behind_our_back_shows_shutoff(cloud):
    import libvirt
    conn = libvirt.open('qemu:///system')
    try:
        conn.lookupByUUIDString(state['id']).destroy()
    finally:
        conn.close()
    _wait(cloud, 'SHUTOFF', timeout=30)        # power sync every 2 s here
    cloud.cli('server', 'start', state['id'])
    _wait(cloud, 'ACTIVE')


def test_delete(cloud):
    host = _where(cloud)
    cloud.cli('server', 'delete', '--wait', state['id'])
    assert cloud.domain(state['id']) is None
    assert not os.path.exists(os.path.join(cloud.instances[host],
                                           state['id']))
    cloud.cli('image', 'delete', state['snapshot'])
