"""Migration of volumes on real guests between two stratus-volume hosts
(each serving one LVM backend on its own volume group, on loop devices),
the libvirt driver with QEMU, the unchanged `openstack` CLI.

A guest boots from a volume made from the test image (the guest counts
its boots in the volume's first sector); `volume migrate --host` to the
other host has its compute mirror the running guest's disk onto the new
LV (block copy, pivot) and complete the migration: the volume keeps its
id on the other backend, the guest runs on the new LV, and after a hard
reboot it reads the boot count it wrote before the move (boots=2) from
there. A detached volume made from the image migrates through the
destination's own connection (qemu-img onto the LV it exports to the
source host) and a guest then boots from it.

Needs root, a running libvirtd, QEMU and lvm2; skips otherwise. Every
domain, LV, loop device and file goes afterwards, even on failure."""
import os
import socket
import time

import pytest

from support import guest_e2e
from support import lvm_group
from support import libvirt_cloud

BANNER = guest_e2e.BANNER
BACKENDS = ('lvmdriver-1', 'lvmdriver-2')


@pytest.fixture(scope='module')
def test_image():
    return guest_e2e.test_image_or_skip()


@pytest.fixture(scope='module')
def volume_groups(test_image):
    with lvm_group.volume_group(3, prefix='stratus-e2e-swp1') as one:
        with lvm_group.volume_group(3, prefix='stratus-e2e-swp2') as two:
            yield (one, two)


@pytest.fixture(scope='module')
def cloud(test_image, volume_groups):
    def configure(c):
        # lvmdriver-1 on the first volume host (this machine's name),
        # lvmdriver-2 on a second stratus-volume host started below.
        c.backends = [BACKENDS[0]]
        for backend, group in zip(BACKENDS, volume_groups):
            guest_e2e.lvm_backend(c, backend, group,
                                  volume_backend_name=backend)
        c.second_host = c.tag + '-vol2'

    def started(c):
        conf = os.path.join(c.workdir, 'vol2.conf')
        with open(conf, 'w') as f:
            f.write('[DEFAULT]\nhost = %s\nenabled_backends = %s\n'
                    % (c.second_host, BACKENDS[1]))
        expected = c.services_up() + 1
        c.start_daemon('volume2', 'stratus-volume', [
            '--config-file', conf, '--log-file',
            os.path.join(c.logdir, 'stratus-volume-2.log')])
        c.wait_for(lambda: c.services_up() >= expected,
                   'the second volume host', interval=0.5)
        c.disk_image = libvirt_cloud.upload_test_image(c, test_image, 'e2es')

    with guest_e2e.lvm_cloud('e2es', configure, started) as c:
        yield c


def _other(cloud, volume):
    """(the other backend's host@backend, index of the volume's group)."""
    if '@%s' % BACKENDS[0] in volume['os-vol-host-attr:host']:
        return '%s@%s' % (cloud.second_host, BACKENDS[1]), 0
    return volume['os-vol-host-attr:host'].split('@')[0].replace(
        cloud.second_host, socket.gethostname()) + '@' + BACKENDS[0], 1


_console = guest_e2e.console
_volume = guest_e2e.volume


def _wait_console(cloud, server_id, pattern, since=0, timeout=120):
    return guest_e2e.wait_console(cloud, server_id, pattern, since,
                                  timeout)[1]


def _wait(cloud, volume_id, predicate, what, timeout=180):
    deadline = time.monotonic() + timeout
    volume = None
    while time.monotonic() < deadline:
        volume = _volume(cloud, volume_id)
        if predicate(volume):
            return volume
        time.sleep(0.2)
    raise AssertionError('volume %s not %s: %s' % (volume_id, what, volume))


def _lvs(group):
    return lvm_group.lvm('lvs', '--noheadings', '-o', 'lv_name', group)


def _vda(cloud, server_id):
    from stratus.compute.virt.libvirt import xml
    _owner, _state, domain_xml = cloud.domain(server_id)
    return dict(xml.disk_sources(domain_xml))['vda']


def test_migrate_the_running_guests_boot_volume(cloud, volume_groups):
    server = cloud.cli_json(
        'server', 'create', '--flavor', 'e2es.small', '--block-device',
        'source_type=image,uuid=%s,destination_type=volume,volume_size=1,'
        'boot_index=0,delete_on_termination=true' % cloud.disk_image['id'],
        'e2es-bfv')
    sid = server['id']
    shown = cloud.rest.wait_server(sid, 'ACTIVE', timeout=180)
    seen = _wait_console(cloud, sid, r'disk vda: STRATUS-TEST-DISK boots=1\b')
    seen = _wait_console(cloud, sid, BANNER, since=seen)
    [vid] = [v['id'] for v in shown['os-extended-volumes:volumes_attached']]
    volume = _volume(cloud, vid)
    other, index = _other(cloud, volume)
    before = _vda(cloud, sid)

    started = time.monotonic()
    cloud.cli('volume', 'migrate', '--host', other, vid)
    volume = _wait(cloud, vid, lambda v: v[
        'os-vol-mig-status-attr:migstat'] in ('success', 'error'),
        'migrated')
    print('\nmigration of the running guest\'s boot volume: %.1f s'
          % (time.monotonic() - started))
    assert (volume['os-vol-mig-status-attr:migstat'], volume['status']) == (
        'success', 'in-use')
    assert volume['os-vol-host-attr:host'].startswith(other)
    name_id = volume['os-vol-mig-status-attr:name_id']
    assert name_id not in (None, vid)
    assert [a['server_id'] for a in volume['attachments']] == [sid]
    # The guest runs on the new LV; the old one is gone.
    after = _vda(cloud, sid)
    assert after != before
    assert 'volume-%s' % name_id in _lvs(volume_groups[1 - index])
    assert 'volume-%s' % vid not in _lvs(volume_groups[index])
    assert cloud.rest.server(sid)['status'] == 'ACTIVE'
    [listed] = cloud.cli_json('server', 'volume', 'list', sid)
    assert listed['Volume ID'] == vid

    # What the guest wrote before the move is on the new LV.
    cloud.cli('server', 'reboot', '--hard', sid)
    cloud.rest.wait_server(sid, 'ACTIVE', timeout=180)
    _wait_console(cloud, sid, r'disk vda: STRATUS-TEST-DISK boots=2\b',
                  since=seen)
    assert _vda(cloud, sid) == after

    cloud.cli('server', 'delete', '--wait', sid)
    _wait(cloud, vid, lambda v: v is None, 'deleted')
    assert 'volume-%s' % name_id not in _lvs(volume_groups[1 - index])


def test_migrate_a_detached_volume_to_the_other_host(cloud, volume_groups):
    volume = cloud.cli_json('volume', 'create', '--size', '1', '--image',
                            cloud.disk_image['id'], 'e2es-data')
    vid = volume['id']
    volume = _wait(cloud, vid, lambda v: v['status'] == 'available',
                   'available')
    other, index = _other(cloud, volume)
    started = time.monotonic()
    cloud.cli('volume', 'migrate', '--host', other, vid)
    volume = _wait(cloud, vid, lambda v: v[
        'os-vol-mig-status-attr:migstat'] in ('success', 'error'),
        'migrated')
    print('\nmigration of a detached volume to the other host: %.1f s'
          % (time.monotonic() - started))
    assert (volume['os-vol-mig-status-attr:migstat'], volume['status']) == (
        'success', 'available')
    assert volume['os-vol-host-attr:host'].startswith(other)
    name_id = volume['os-vol-mig-status-attr:name_id']
    assert 'volume-%s' % name_id in _lvs(volume_groups[1 - index])
    assert 'volume-%s' % vid not in _lvs(volume_groups[index])
    # The image's bytes came over: a guest boots from them.
    server = cloud.cli_json('server', 'create', '--flavor', 'e2es.small',
                            '--volume', vid, 'e2es-from-moved')
    sid = server['id']
    cloud.rest.wait_server(sid, 'ACTIVE', timeout=180)
    _wait_console(cloud, sid, r'disk vda: STRATUS-TEST-DISK boots=1\b')
    cloud.cli('server', 'delete', '--wait', sid)
    _wait(cloud, vid, lambda v: v['status'] == 'available', 'released')
    cloud.cli('volume', 'delete', vid)
    _wait(cloud, vid, lambda v: v is None, 'deleted')
