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
import re
import socket
import shutil
import tempfile
import time
import uuid

import pytest

from support import cloud as cloud_support
from support import lvm_group
from support import libvirt_cloud

BANNER = 'stratus test guest up'
BACKENDS = ('lvmdriver-1', 'lvmdriver-2')


@pytest.fixture(scope='module')
def test_image():
    reason = libvirt_cloud.skip_reason()
    if reason:
        pytest.skip(reason)
    if not shutil.which('lvm') or not os.path.exists('/dev/loop-control'):
        pytest.skip('needs lvm2 and loop devices')
    return libvirt_cloud.build_test_image()


@pytest.fixture(scope='module')
def volume_groups(test_image):
    with lvm_group.volume_group(3, prefix='stratus-e2e-swp1') as one:
        with lvm_group.volume_group(3, prefix='stratus-e2e-swp2') as two:
            yield (one, two)


@pytest.fixture(scope='module')
def cloud(test_image, volume_groups):
    workdir = tempfile.mkdtemp(prefix='stratus-e2e-swap-', dir='/var/tmp')
    os.chmod(workdir, 0o711)
    tag = 'e2es%s' % uuid.uuid4().hex[:5]
    c = libvirt_cloud.E2ECloud(workdir, tag, debug=False)
    # lvmdriver-1 on the first volume host (this machine's name),
    # lvmdriver-2 on a second stratus-volume host started below.
    c.backends = [BACKENDS[0]]
    for backend, group in zip(BACKENDS, volume_groups):
        c.options.update({(backend, 'volume_driver'): 'lvm',
                          (backend, 'volume_backend_name'): backend,
                          (backend, 'volume_group'): group,
                          (backend, 'volume_clear'): 'none'})
    c.second_host = tag + '-vol2'
    try:
        c.start()
        conf = os.path.join(workdir, 'vol2.conf')
        with open(conf, 'w') as f:
            f.write('[DEFAULT]\nhost = %s\nenabled_backends = %s\n'
                    % (c.second_host, BACKENDS[1]))
        expected = c.services_up() + 1
        c.start_daemon('volume2', 'stratus-volume', [
            '--config-file', conf, '--log-file',
            os.path.join(c.logdir, 'stratus-volume-2.log')])
        c.wait_for(lambda: c.services_up() >= expected,
                   'the second volume host', interval=0.5)
        c.rest = cloud_support.Rest(c)
        c.disk_image = libvirt_cloud.upload_test_image(c, test_image, 'e2es')
        yield c
    finally:
        try:
            c.stop()
        finally:
            libvirt_cloud.remove_guests(c.hosts)
            if not os.environ.get('STRATUS_KEEP_LOGS'):
                shutil.rmtree(workdir, ignore_errors=True)


def _other(cloud, volume):
    """(the other backend's host@backend, index of the volume's group)."""
    if '@%s' % BACKENDS[0] in volume['os-vol-host-attr:host']:
        return '%s@%s' % (cloud.second_host, BACKENDS[1]), 0
    return volume['os-vol-host-attr:host'].split('@')[0].replace(
        cloud.second_host, socket.gethostname()) + '@' + BACKENDS[0], 1


def _console(cloud, server_id):
    return cloud.rest.request(
        'POST', '/compute/v2.1/servers/%s/action' % server_id,
        json={'os-getConsoleOutput': {'length': None}}).json()['output']


def _wait_console(cloud, server_id, pattern, since=0, timeout=120):
    deadline = time.monotonic() + timeout
    text = ''
    while time.monotonic() < deadline:
        text = _console(cloud, server_id)
        found = re.search(pattern, text[since:])
        if found:
            return since + found.end()
        time.sleep(0.2)
    raise AssertionError('no %r in the console:\n%s' % (pattern,
                                                        text[-2000:]))


def _volume(cloud, volume_id):
    resp = cloud.rest.get('/volume/v3/volumes/%s' % volume_id, headers={
        'OpenStack-API-Version': 'volume 3.71'})
    return resp.json()['volume'] if resp.ok else None


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
