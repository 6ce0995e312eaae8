"""Live migration on real libvirt, as far as this machine allows: both
computes of the cloud share one libvirtd (which cannot migrate a domain
to itself, and here listens on no TCP port), so virDomainMigrateToURI3
fails. What this shows end to end is nova's failure behaviour with a
real guest: the request is accepted (202), 'auto' becomes a block
migration (the destination's instances path does not hold the disk), the
destination prepares an overlay, the move fails, the migration ends
'error', the server is ACTIVE on its source with no fault and the guest
still running there, owned by the source; the destination keeps
nothing. (The successful path is
unit-tested at the domain seam: tests/unit/compute/virt/libvirt/
test_live_migration.py.)

Needs root, a running libvirtd and QEMU; skips otherwise."""
import os
import shutil
import tempfile
import time
import uuid

import pytest

from support import cloud as cloud_support
from support import libvirt_cloud

RUNNING = 1          # libvirt's VIR_DOMAIN_RUNNING


@pytest.fixture(scope='module')
def test_image():
    reason = libvirt_cloud.skip_reason()
    if reason:
        pytest.skip(reason)
    return libvirt_cloud.build_test_image()


@pytest.fixture(scope='module')
def cloud(test_image):
    workdir = tempfile.mkdtemp(prefix='stratus-e2e-lm-', dir='/var/tmp')
    os.chmod(workdir, 0o711)
    c = libvirt_cloud.E2ECloud(workdir, 'e2el%s' % uuid.uuid4().hex[:5],
                               debug=False)
    try:
        c.start()
        c.rest = cloud_support.Rest(c)
        c.disk_image = libvirt_cloud.upload_test_image(c, test_image,
                                                       'e2el')
        yield c
    finally:
        try:
            c.stop()
        finally:
            libvirt_cloud.remove_guests(c.hosts)
            if not os.environ.get('STRATUS_KEEP_LOGS'):
                shutil.rmtree(workdir, ignore_errors=True)


def _migrations(cloud, server_id):
    return cloud.rest.get(
        '/compute/v2.1/os-migrations?instance_uuid=%s' % server_id,
        headers={'OpenStack-API-Version': 'compute 2.80'}).json()[
        'migrations']


def test_a_refused_live_migration_leaves_the_guest_running(cloud):
    server = cloud.cli_json('server', 'create', '--flavor', 'e2el.small',
                            '--image', cloud.disk_image['id'], '--wait',
                            'e2e-live')
    source = server['OS-EXT-SRV-ATTR:host']
    other = [h for h in cloud.hosts if h != source][0]
    cloud.cli('server', 'migrate', '--live-migration', '--host', other,
              server['id'])
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        found = _migrations(cloud, server['id'])
        if found and found[0]['status'] in ('error', 'completed'):
            break
        time.sleep(1)
    [migration] = _migrations(cloud, server['id'])
    assert (migration['migration_type'], migration['status'],
            migration['dest_compute']) == ('live-migration', 'error', other)
    back = cloud.rest.wait_server(server['id'], 'ACTIVE', timeout=60)
    assert back['OS-EXT-SRV-ATTR:host'] == source
    assert 'fault' not in back
    owner, state, _ = cloud.domain(server['id'])
    assert (owner, state) == (source, RUNNING)
    assert not os.path.exists(os.path.join(cloud.instances[other],
                                           server['id']))
    actions = cloud.cli_json('server', 'event', 'list', server['id'])
    assert actions[0]['Action'] == 'live-migration'
    cloud.cli('server', 'delete', '--wait', server['id'])
