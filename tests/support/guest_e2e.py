"""What the e2e tests of real guests with LVM volumes share: the skip
rules, a cloud with LVM backends on loop-device volume groups (torn down
even on failure), and the waits on a guest's console and on volumes."""
import contextlib
import os
import re
import shutil
import tempfile
import time
import uuid

import pytest

from support import cloud as cloud_support
from support import libvirt_cloud

BANNER = 'stratus test guest up'


def test_image_or_skip():
    """The guest test image; skips when this machine cannot run guests
    on LVM volumes (not root, no libvirtd/QEMU, no lvm2 or loop)."""
    reason = libvirt_cloud.skip_reason()
    if reason:
        pytest.skip(reason)
    if not shutil.which('lvm') or not os.path.exists('/dev/loop-control'):
        pytest.skip('needs lvm2 and loop devices')
    return libvirt_cloud.build_test_image()


def lvm_backend(c, backend, volume_group, **options):
    """Configure `backend` of cloud `c` as an LVM backend on
    `volume_group` (no wiping on delete: the loop file goes anyway)."""
    c.options.update({(backend, 'volume_driver'): 'lvm',
                      (backend, 'volume_group'): volume_group,
                      (backend, 'volume_clear'): 'none'})
    c.options.update({(backend, key): value
                      for key, value in options.items()})


@contextlib.contextmanager
def lvm_cloud(prefix, configure, started=None):
    """A started E2ECloud tagged `prefix`+random with `.rest`;
    `configure(c)` sets its options before the daemons start and
    `started(c)` runs after. Domains and files go afterwards."""
    workdir = tempfile.mkdtemp(prefix='stratus-%s-' % prefix, dir='/var/tmp')
    os.chmod(workdir, 0o711)        # qemu must reach the instance files
    c = libvirt_cloud.E2ECloud(workdir, prefix + uuid.uuid4().hex[:5],
                               debug=False)
    configure(c)
    try:
        c.start()
        c.rest = cloud_support.Rest(c)
        if started:
            started(c)
        yield c
    finally:
        try:
            c.stop()
        finally:
            libvirt_cloud.remove_guests(c.hosts)
            if not os.environ.get('STRATUS_KEEP_LOGS'):
                shutil.rmtree(workdir, ignore_errors=True)


def console(cloud, server_id):
    return cloud.rest.request(
        'POST', '/compute/v2.1/servers/%s/action' % server_id,
        json={'os-getConsoleOutput': {'length': None}}).json()['output']


def wait_console(cloud, server_id, pattern, since=0, timeout=120):
    """Until `pattern` shows in the console after offset `since`; returns
    (text, offset just after the match)."""
    deadline = time.monotonic() + timeout
    text = ''
    while time.monotonic() < deadline:
        text = console(cloud, server_id)
        found = re.search(pattern, text[since:])
        if found:
            return text, since + found.end()
        time.sleep(0.1)
    raise AssertionError('no %r in the console:\n%s' % (pattern,
                                                        text[-2000:]))


def volume(cloud, volume_id):
    resp = cloud.rest.get('/volume/v3/volumes/%s' % volume_id, headers={
        'OpenStack-API-Version': 'volume 3.71'})
    return resp.json()['volume'] if resp.ok else None


def wait_volume(cloud, volume_id, status, timeout=60):
    """Until the volume has `status` ('DELETED': until it is gone)."""
    deadline = time.monotonic() + timeout
    found = None
    while time.monotonic() < deadline:
        found = volume(cloud, volume_id)
        if (found is None and status == 'DELETED') or (
                found and found['status'] == status):
            return found
        time.sleep(0.05)
    raise AssertionError('volume %s not %s: %s' % (volume_id, status,
                                                   found))


def disks_of(cloud, server_id):
    """{target dev: source} of the server's domain."""
    from stratus.compute.virt.libvirt import xml
    _owner, _state, domain_xml = cloud.domain(server_id)
    return dict(xml.disk_sources(domain_xml))
