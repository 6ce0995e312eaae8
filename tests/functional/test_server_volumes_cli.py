"""Volumes of servers with the real openstack CLI against real daemons
(fake virt and volume drivers): `server add volume` / `server remove
volume` with the attachment listed on `volume show` and `server volume
list`, attach while SHELVED_OFFLOADED completed by the unshelve, boot from
a new volume (`--boot-from-volume`, `--block-device`) and from an existing
one (`--volume`), and the volumes of a deleted server (kept, or deleted
with delete_on_termination)."""
import time
import uuid

import pytest

from support import cloud as cloud_support


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


@pytest.fixture(scope='module')
def image(cloud, tmp_path_factory):
    path = tmp_path_factory.mktemp('img') / 'disk.raw'
    path.write_bytes(b'\0' * 4096)
    return cloud.cli_json('image', 'create', '--file', str(path),
                          '--disk-format', 'raw', '--container-format',
                          'bare', '--public', 'vol-func-image')


def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


def _volume(rest, volume_id):
    resp = rest.get('/volume/v3/volumes/%s' % volume_id,
                    headers={'OpenStack-API-Version': 'volume 3.71'})
    return resp.json()['volume'] if resp.ok else None


def wait_volume(rest, volume_id, status, timeout=30):
    deadline = time.monotonic() + timeout
    volume = None
    while time.monotonic() < deadline:
        volume = _volume(rest, volume_id)
        if status == 'DELETED' and volume is None:
            return None
        if volume and volume['status'] == status:
            return volume
        time.sleep(0.05)
    raise AssertionError('volume %s not %s: %s' % (volume_id, status, volume))


def new_volume(cloud, rest):
    volume = cloud.cli_json('volume', 'create', '--size', '1', _name('v'))
    return wait_volume(rest, volume['id'], 'available')['id']


def new_server(cloud, rest, *args):
    """`server create` without --wait (its 5 s polling), then a REST wait."""
    server = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                            *args, _name('s'))
    return rest.wait_server(server['id'], 'ACTIVE')


def _attached(server):
    return [v['id'] for v in server['os-extended-volumes:volumes_attached']]


def test_add_and_remove_volume(cloud, rest, image):
    server = new_server(cloud, rest, '--image', image['id'])
    sid, vid = server['id'], new_volume(cloud, rest)
    cloud.cli('server', 'add', 'volume', sid, vid)
    volume = wait_volume(rest, vid, 'in-use')
    [attachment] = volume['attachments']
    assert (attachment['server_id'], attachment['device']) == (sid,
                                                               '/dev/vdb')
    shown = cloud.cli_json('volume', 'show', vid)
    assert shown['attachments'][0]['server_id'] == sid
    [listed] = cloud.cli_json('server', 'volume', 'list', sid)
    assert (listed['Volume ID'], listed['Device']) == (vid, '/dev/vdb')
    assert listed['Attachment ID'] == attachment['attachment_id']
    assert _attached(rest.server(sid)) == [vid]
    events = cloud.cli_json('server', 'event', 'list', sid)
    assert events[0]['Action'] == 'attach_volume'

    cloud.cli('server', 'remove', 'volume', sid, vid)
    volume = wait_volume(rest, vid, 'available')
    assert volume['attachments'] == []
    assert cloud.cli_json('server', 'volume', 'list', sid) == []
    assert _attached(rest.server(sid)) == []
    cloud.cli('server', 'delete', sid)
    cloud.cli('volume', 'delete', vid)


def test_attach_checks_the_volume(cloud, rest, image):
    server = new_server(cloud, rest, '--image', image['id'])
    vid = new_volume(cloud, rest)
    cloud.cli('server', 'add', 'volume', server['id'], vid)
    wait_volume(rest, vid, 'in-use')
    other = new_server(cloud, rest, '--image', image['id'])
    result = cloud.cli('server', 'add', 'volume', other['id'], vid,
                       check=False)
    assert result.returncode != 0
    assert "status must be 'available'" in result.stderr
    # The device a user names is kept.
    second = new_volume(cloud, rest)
    cloud.cli('server', 'add', 'volume', '--device', '/dev/vdf',
              server['id'], second)
    wait_volume(rest, second, 'in-use')
    devices = {v['Device'] for v in cloud.cli_json(
        'server', 'volume', 'list', server['id'])}
    assert devices == {'/dev/vdb', '/dev/vdf'}
    # A deleted server's volumes are detached and kept.
    cloud.cli('server', 'delete', '--wait', server['id'])
    for volume_id in (vid, second):
        wait_volume(rest, volume_id, 'available')
        cloud.cli('volume', 'delete', volume_id)
    cloud.cli('server', 'delete', other['id'])


def test_attach_while_shelved_offloaded(cloud, rest, image):
    server = new_server(cloud, rest, '--image', image['id'])
    sid, vid = server['id'], new_volume(cloud, rest)
    cloud.cli('server', 'shelve', sid)
    rest.wait_server(sid, 'SHELVED_OFFLOADED')
    cloud.cli('server', 'add', 'volume', sid, vid)
    # No host: only the records change until the unshelve.
    assert wait_volume(rest, vid, 'reserved')['attachments'] == []
    cloud.cli('server', 'unshelve', sid)
    rest.wait_server(sid, 'ACTIVE')
    volume = wait_volume(rest, vid, 'in-use')
    assert volume['attachments'][0]['server_id'] == sid
    cloud.cli('server', 'delete', '--wait', sid)
    wait_volume(rest, vid, 'available')
    cloud.cli('volume', 'delete', vid)


def test_boot_from_volume_made_from_an_image(cloud, rest, image):
    server = new_server(cloud, rest, '--image', image['id'],
                        '--boot-from-volume', '1')
    shown = cloud.cli_json('server', 'show', server['id'])
    assert shown['image'] == 'N/A (booted from volume)'
    [vid] = _attached(server)
    volume = _volume(rest, vid)
    assert (volume['status'], volume['bootable'], volume['size']) == (
        'in-use', 'true', 1)
    assert volume['attachments'][0]['device'] == '/dev/vda'
    assert volume['volume_image_metadata']['image_id'] == image['id']
    cloud.cli('server', 'delete', '--wait', server['id'])
    # Without --delete-on-termination the boot volume stays.
    wait_volume(rest, vid, 'available')
    cloud.cli('volume', 'delete', vid)


def test_boot_from_volume_deleted_on_termination(cloud, rest, image):
    server = new_server(
        cloud, rest, '--block-device',
        'source_type=image,uuid=%s,destination_type=volume,volume_size=1,'
        'boot_index=0,delete_on_termination=true' % image['id'])
    [vid] = _attached(server)
    shown = rest.get('/compute/v2.1/servers/%s' % server['id'], headers={
        'OpenStack-API-Version': 'compute 2.100'}).json()['server']
    assert shown['os-extended-volumes:volumes_attached'] == [
        {'id': vid, 'delete_on_termination': True}]
    cloud.cli('server', 'delete', '--wait', server['id'])
    wait_volume(rest, vid, 'DELETED')


def test_boot_from_an_existing_volume(cloud, rest, image):
    source = new_server(cloud, rest, '--image', image['id'],
                        '--boot-from-volume', '1')
    [vid] = _attached(source)
    cloud.cli('server', 'delete', '--wait', source['id'])
    wait_volume(rest, vid, 'available')
    server = new_server(cloud, rest, '--volume', vid)
    assert _attached(server) == [vid]
    assert wait_volume(rest, vid, 'in-use')['attachments'][0][
        'server_id'] == server['id']
    # The root volume stays where it is.
    result = cloud.cli('server', 'remove', 'volume', server['id'], vid,
                       check=False)
    assert result.returncode != 0 and 'root device' in result.stderr
    cloud.cli('server', 'delete', '--wait', server['id'])
    wait_volume(rest, vid, 'available')
    cloud.cli('volume', 'delete', vid)


def test_boot_from_a_volume_snapshot(cloud, rest, image):
    """`--snapshot`: each server gets a new volume made from the snapshot
    (nova lets several servers boot from one snapshot)."""
    source = new_server(cloud, rest, '--image', image['id'],
                        '--boot-from-volume', '1')
    [vid] = _attached(source)
    cloud.cli('server', 'delete', '--wait', source['id'])
    wait_volume(rest, vid, 'available')
    snapshot = cloud.cli_json('volume', 'snapshot', 'create', '--volume',
                              vid, _name('s'))
    deadline = time.monotonic() + 30
    while cloud.cli_json('volume', 'snapshot', 'show', snapshot['id'])[
            'status'] != 'available':
        assert time.monotonic() < deadline
        time.sleep(0.1)
    server = new_server(cloud, rest, '--snapshot', snapshot['id'])
    [new_vid] = _attached(server)
    new = wait_volume(rest, new_vid, 'in-use')
    assert new_vid != vid and new['snapshot_id'] == snapshot['id']
    assert new['bootable'] == 'true'
    cloud.cli('server', 'delete', '--wait', server['id'])
    wait_volume(rest, new_vid, 'available')
    cloud.cli('volume', 'delete', new_vid)
    cloud.cli('volume', 'snapshot', 'delete', snapshot['id'])
    cloud.cli('volume', 'delete', vid, check=False)
