"""A volume transfer on a real LVM backend (a sparse file's loop device,
this machine's data path: device-mapper or loop-mapped LVs) behind real
daemons: admin writes a byte pattern into its volume through an
attachment, gives the volume to project demo, and demo attaches the same
volume and reads the pattern back, then clones it and reads it from the
clone. A transfer changes owners, never bytes: this shows the data path
follows the new owner.

Needs root and lvm2; skips otherwise. Every LV, loop device and file goes
afterwards, even on failure.
"""
import os
import shutil
import socket
import tempfile
import time
import uuid

import pytest

from support import cloud as cloud_support
from support import lvm_group

BACKEND = 'lvmdriver-1'
V = {'OpenStack-API-Version': 'volume 3.71'}
GiB = 1 << 30
OFFSETS = (0, 4096, 300 << 20, GiB - 512)


@pytest.fixture(scope='module')
def volume_group():
    reason = lvm_group.unusable_reason()
    if reason:
        pytest.skip(reason)
    with lvm_group.volume_group(4, prefix='stratus-e2e-xfer') as name:
        yield name


@pytest.fixture(scope='module')
def cloud(volume_group):
    workdir = tempfile.mkdtemp(prefix='stratus-e2e-xfer-')
    c = cloud_support.Cloud(workdir, computes=(), backends=(BACKEND,),
                            options={(BACKEND, 'volume_driver'): 'lvm',
                                     (BACKEND, 'volume_group'): volume_group,
                                     (BACKEND, 'volume_clear'): 'none'})
    try:
        c.start()
        c.admin = cloud_support.Rest(c)
        c.demo = cloud_support.Rest(c, user='demo')
        yield c
    finally:
        c.stop()
        if not os.environ.get('STRATUS_KEEP_LOGS'):
            shutil.rmtree(workdir, ignore_errors=True)


def _pattern(tag, offset):
    return ('%s@%012d;' % (tag, offset)).encode().ljust(512, b'#')


def _write(device, tag):
    fd = os.open(device, os.O_WRONLY)
    try:
        for offset in OFFSETS:
            os.pwrite(fd, _pattern(tag, offset), offset)
        os.fsync(fd)
    finally:
        os.close(fd)


def _holds(device, tag):
    fd = os.open(device, os.O_RDONLY)
    try:
        return all(os.pread(fd, 512, o) == _pattern(tag, o) for o in OFFSETS)
    finally:
        os.close(fd)


def _call(rest, method, path, body=None, status=None):
    resp = rest.request(method, '/volume/v3' + path, json=body,
                        headers=dict(V))
    if status is not None:
        assert resp.status_code == status, (method, path, resp.text)
    return resp.json() if resp.content else None


def _wait(rest, volume_id, status, timeout=30):
    deadline = time.monotonic() + timeout
    volume = None
    while time.monotonic() < deadline:
        volume = _call(rest, 'GET', '/volumes/%s' % volume_id)['volume']
        if volume['status'] == status:
            return volume
        assert not volume['status'].startswith('error'), volume
        time.sleep(0.05)
    raise AssertionError('volume %s not %s: %s' % (volume_id, status,
                                                   volume))


def _create(rest, **volume):
    volume_id = _call(rest, 'POST', '/volumes', {'volume': dict(
        {'size': 1}, **volume)}, 202)['volume']['id']
    return _wait(rest, volume_id, 'available')


class _Attached:
    """The volume's block device on this host, through an attachment of
    `rest`'s project (the local connection its backend answers here)."""

    def __init__(self, rest, volume_id):
        self.rest, self.volume_id = rest, volume_id

    def __enter__(self):
        body = _call(self.rest, 'POST', '/attachments', {'attachment': {
            'volume_uuid': self.volume_id,
            'instance_uuid': str(uuid.uuid4()),
            'connector': {'host': socket.gethostname(),
                          'initiator': 'e2e'}}}, 200)['attachment']
        self.attachment_id = body['id']
        info = body['connection_info']
        # cinder's attachment answer carries the connection info flat
        # (nova puts the 'data' level back itself).
        assert info['driver_volume_type'] == 'local', info
        return info['device_path']

    def __exit__(self, *exc):
        _call(self.rest, 'DELETE', '/attachments/%s' % self.attachment_id,
              status=200)
        _wait(self.rest, self.volume_id, 'available')


def test_transferred_volume_keeps_its_data(cloud, volume_group):
    started = time.monotonic()
    admin, demo = cloud.admin, cloud.demo
    volume = _create(admin, name='given')
    with _Attached(admin, volume['id']) as device:
        _write(device, 'GIVEN')

    transfer = _call(admin, 'POST', '/volume-transfers', {'transfer': {
        'volume_id': volume['id'], 'name': 'lvm-gift'}}, 202)['transfer']
    assert _wait(admin, volume['id'], 'awaiting-transfer')
    accepted = _call(demo, 'POST', '/volume-transfers/%s/accept'
                     % transfer['id'], {'accept': {
                         'auth_key': transfer['auth_key']}}, 202)
    assert accepted['transfer']['volume_id'] == volume['id']
    mine = _wait(demo, volume['id'], 'available')
    assert mine['user_id'] != volume['user_id']

    # demo reads what admin wrote, through its own attachment ...
    with _Attached(demo, volume['id']) as device:
        assert _holds(device, 'GIVEN')
    # ... and from a clone made in its project on the same backend.
    clone = _create(demo, source_volid=volume['id'], name='clone')
    with _Attached(demo, clone['id']) as device:
        assert _holds(device, 'GIVEN')
    lvs = lvm_group.lvm('lvs', '--noheadings', '-o', 'lv_name',
                        volume_group)
    assert 'volume-%s' % volume['id'] in lvs
    assert 'volume-%s' % clone['id'] in lvs

    for volume_id in (clone['id'], volume['id']):
        _call(demo, 'DELETE', '/volumes/%s' % volume_id, status=202)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and 'volume-' in lvm_group.lvm(
            'lvs', '--noheadings', '-o', 'lv_name', volume_group):
        time.sleep(0.1)
    assert 'volume-' not in lvm_group.lvm('lvs', '--noheadings', '-o',
                                          'lv_name', volume_group)
    print('\ntransfer on LVM, end to end: %.1f s'
          % (time.monotonic() - started))
