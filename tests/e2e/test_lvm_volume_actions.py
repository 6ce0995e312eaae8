"""Upload to image and retype with migration on real LVM: two lvm
backends, each on its own volume group (sparse files on loop devices),
real daemons and the unchanged `openstack` CLI. A volume made from an
image holds its bytes; `image create --volume` reads the LV and uploads
it; a retype to a type of the other backend (on-demand) copies the LV
into the other volume group; the bytes read back match each time.

Needs root, lvm2, qemu-img and loop devices; skips otherwise."""
import os
import subprocess
import tempfile
import time
import uuid

import pytest

from support import cloud as cloud_support
from support import lvm_group

V371 = {'OpenStack-API-Version': 'volume 3.71'}
DATA = os.urandom(1 << 20)


@pytest.fixture(scope='module')
def cloud():
    reason = lvm_group.unusable_reason()
    if reason:
        pytest.skip(reason)
    with lvm_group.volume_group(3, prefix='stratus-e2e-act1') as vg1, \
            lvm_group.volume_group(3, prefix='stratus-e2e-act2') as vg2:
        workdir = tempfile.mkdtemp(prefix='stratus-e2e-actions-',
                                   dir='/var/tmp')
        c = cloud_support.Cloud(workdir, computes=(),
                                backends=('lvmdriver-1', 'lvmdriver-2'))
        for backend, vg in (('lvmdriver-1', vg1), ('lvmdriver-2', vg2)):
            c.options.update({(backend, 'volume_driver'): 'lvm',
                              (backend, 'volume_group'): vg,
                              (backend, 'volume_clear'): 'none'})
        try:
            c.start()
            c.rest = cloud_support.Rest(c)
            c.vgs = (vg1, vg2)
            yield c
        finally:
            c.stop()


def _volume(cloud, volume_id):
    return cloud.rest.get('/volume/v3/volumes/%s' % volume_id,
                          headers=V371).json()['volume']


def _wait(cloud, volume_id, check, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        volume = _volume(cloud, volume_id)
        if check(volume):
            return volume
        assert not volume['status'].startswith('error'), volume
        time.sleep(0.5)
    raise AssertionError('volume %s: %s' % (volume_id, volume))


def _read_back(cloud, volume_id, tmp_path):
    """Upload the volume (qcow2: only written clusters travel), save the
    image and return its first bytes as raw."""
    answer = cloud.cli_json('image', 'create', '--volume', volume_id,
                            '--disk-format', 'qcow2',
                            'e2e-%s' % uuid.uuid4().hex[:6])
    deadline = time.monotonic() + 180
    while cloud.cli_json('image', 'show', answer['image_id'])[
            'status'] != 'active':
        assert time.monotonic() < deadline, 'image never active'
        time.sleep(0.5)
    _wait(cloud, volume_id, lambda v: v['status'] == 'available')
    saved = tmp_path / answer['image_id']
    cloud.cli('image', 'save', '--file', str(saved), answer['image_id'])
    raw = tmp_path / (answer['image_id'] + '.raw')
    subprocess.run(['qemu-img', 'convert', '-f', 'qcow2', '-O', 'raw',
                    str(saved), str(raw)], check=True)
    cloud.cli('image', 'delete', answer['image_id'])
    assert os.path.getsize(raw) == 1 << 30
    with open(raw, 'rb') as f:
        return f.read(len(DATA) + 4096)


def test_upload_and_retype_with_migration(cloud, tmp_path):
    source = tmp_path / 'data.raw'
    source.write_bytes(DATA)
    image = cloud.cli_json('image', 'create', '--file', str(source),
                           '--disk-format', 'raw', '--container-format',
                           'bare', 'e2e-src')
    for backend in ('lvmdriver-1', 'lvmdriver-2'):
        cloud.cli('volume', 'type', 'create', '--property',
                  'volume_backend_name=%s' % backend, 'on-' + backend)
    volume = cloud.cli_json('volume', 'create', '--size', '1', '--image',
                            image['id'], '--type', 'on-lvmdriver-1', 'e2e')
    shown = _wait(cloud, volume['id'], lambda v: v['status'] == 'available')
    assert shown['os-vol-host-attr:host'].endswith('@lvmdriver-1'
                                                   '#lvmdriver-1')
    expected = DATA + b'\0' * 4096
    assert _read_back(cloud, volume['id'], tmp_path) == expected

    cloud.cli('volume', 'set', '--type', 'on-lvmdriver-2',
              '--retype-policy', 'on-demand', volume['id'])
    shown = _wait(cloud, volume['id'], lambda v: v['status'] ==
                  'available' and v['volume_type'] == 'on-lvmdriver-2')
    assert shown['os-vol-host-attr:host'].endswith('@lvmdriver-2'
                                                   '#lvmdriver-2')
    name_id = shown['os-vol-mig-status-attr:name_id']
    # The data lives in the second group only, under the name_id.
    lvs = [lvm_group.lvm('lvs', '--noheadings', '-o', 'lv_name',
                         vg).split() for vg in cloud.vgs]
    assert lvs == [[], ['volume-%s' % name_id]]
    assert _read_back(cloud, volume['id'], tmp_path) == expected
    cloud.cli('volume', 'delete', volume['id'])
    cloud.cli('image', 'delete', image['id'])
