"""Migration of an attached volume on a real guest: LVM backends on two
volume groups (loop devices), the libvirt driver with QEMU, the unchanged
`openstack` CLI. A guest boots from a volume made from the test image
(the guest counts its boots in the volume's first sector); `volume
migrate --host` to the other backend has its compute mirror the running
guest's disk onto the new LV (block copy, pivot) and the migration
completes: the volume keeps its id on the other backend, the guest runs
on the new LV, and after a hard reboot it reads the boot count it wrote
before the move (boots=2) from there.

Needs root, a running libvirtd, QEMU and lvm2; skips otherwise. Every
domain, LV, loop device and file goes afterwards, even on failure."""
import os
import re
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
    c = libvirt_cloud.E2ECloud(workdir, 'e2es%s' % uuid.uuid4().hex[:5],
                               debug=False)
    c.backends = list(BACKENDS)
    for backend, group in zip(BACKENDS, volume_groups):
        c.options.update({(backend, 'volume_driver'): 'lvm',
                          (backend, 'volume_group'): group,
                          (backend, 'volume_clear'): 'none'})
    try:
        c.start()
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
    source = volume['os-vol-host-attr:host']
    index = 0 if '@lvmdriver-1' in source else 1
    other = source.split('#')[0][:-1] + str(2 - index)
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
