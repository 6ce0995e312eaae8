"""Servers with volumes move and rebuild with the real openstack CLI on
two fake computes: `server migrate` / `server resize` with a volume
attached (the volume stays attached, its attachment's host follows the
server; confirm keeps it there, revert brings it back), and `server
rebuild --image` of a volume-backed server at 2.93 (the root volume is
re-imaged; below 2.93 another image is 400)."""
import time
import uuid

import pytest

from support import cloud as cloud_support
from support import schemas

VOLUME_V = {'OpenStack-API-Version': 'volume 3.71'}


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


def _image(cloud, tmp_path_factory, name, fill):
    path = tmp_path_factory.mktemp(name) / 'disk.raw'
    path.write_bytes(fill * 4096)
    return cloud.cli_json('image', 'create', '--file', str(path),
                          '--disk-format', 'raw', '--container-format',
                          'bare', '--public', name)


@pytest.fixture(scope='module')
def images(cloud, tmp_path_factory):
    return [_image(cloud, tmp_path_factory, 'moves-img-%d' % i, fill)
            for i, fill in enumerate((b'\3', b'\4'))]


def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


def _volume(rest, volume_id):
    resp = rest.get('/volume/v3/volumes/%s' % volume_id, headers=VOLUME_V)
    return schemas.check(schemas.volume('volumes', '3.71').show_volume,
                         resp)['volume']


def _wait_volume(rest, volume_id, status, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        volume = _volume(rest, volume_id)
        if volume['status'] == status:
            return volume
        if time.monotonic() > deadline:
            raise AssertionError('volume %s not %s: %s'
                                 % (volume_id, status, volume))
        time.sleep(0.05)


def _server(cloud, rest, *args):
    server = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                            *args, _name('mv'))
    return rest.wait_server(server['id'], 'ACTIVE')


@pytest.fixture
def server_with_volume(cloud, rest, images):
    server = _server(cloud, rest, '--image', images[0]['id'])
    volume = cloud.cli_json('volume', 'create', '--size', '1', _name('v'))
    _wait_volume(rest, volume['id'], 'available')
    cloud.cli('server', 'add', 'volume', server['id'], volume['id'])
    _wait_volume(rest, volume['id'], 'in-use')
    yield server, volume['id']
    cloud.cli('server', 'delete', '--wait', server['id'], check=False)
    cloud.cli('volume', 'delete', volume['id'], check=False)


def _attached_on(rest, server, volume_id):
    """The volume is in-use, attached once to `server` on its host."""
    volume = _wait_volume(rest, volume_id, 'in-use')
    [attachment] = volume['attachments']
    assert attachment['server_id'] == server['id']
    assert attachment['host_name'] == server['OS-EXT-SRV-ATTR:host']
    assert attachment['device'] == '/dev/vdb'
    return attachment


def test_migrate_and_confirm_with_a_volume(cloud, rest, server_with_volume):
    server, vid = server_with_volume
    source = server['OS-EXT-SRV-ATTR:host']
    cloud.cli('server', 'migrate', server['id'])
    moved = rest.wait_server(server['id'], 'VERIFY_RESIZE')
    assert moved['OS-EXT-SRV-ATTR:host'] != source
    _attached_on(rest, moved, vid)
    assert [v['id'] for v in moved[
        'os-extended-volumes:volumes_attached']] == [vid]
    cloud.cli('server', 'resize', 'confirm', server['id'])
    active = rest.wait_server(server['id'], 'ACTIVE')
    _attached_on(rest, active, vid)
    listed = cloud.cli_json('server', 'volume', 'list', server['id'])
    assert [v['Volume ID'] for v in listed] == [vid]


def test_resize_and_revert_with_a_volume(cloud, rest, server_with_volume):
    server, vid = server_with_volume
    cloud.cli('server', 'resize', '--flavor', 'm1.tiny', server['id'])
    resized = rest.wait_server(server['id'], 'VERIFY_RESIZE')
    assert resized['OS-EXT-SRV-ATTR:host'] != server['OS-EXT-SRV-ATTR:host']
    _attached_on(rest, resized, vid)
    cloud.cli('server', 'resize', 'revert', server['id'])
    back = rest.wait_server(server['id'], 'ACTIVE')
    assert back['OS-EXT-SRV-ATTR:host'] == server['OS-EXT-SRV-ATTR:host']
    _attached_on(rest, back, vid)
    # The volume still detaches from the server where it is now.
    cloud.cli('server', 'remove', 'volume', server['id'], vid)
    _wait_volume(rest, vid, 'available')


@pytest.fixture
def volume_backed(cloud, rest, images):
    server = _server(cloud, rest, '--image', images[0]['id'],
                     '--boot-from-volume', '1')
    [vid] = [v['id'] for v in server['os-extended-volumes:volumes_attached']]
    yield server, vid
    cloud.cli('server', 'delete', '--wait', server['id'], check=False)
    cloud.cli('volume', 'delete', vid, check=False)


def test_rebuild_volume_backed_at_2_93(cloud, rest, images, volume_backed):
    server, vid = volume_backed
    # The CLI asks for --reimage-boot-volume (it sends nothing more: at
    # 2.93 nova re-images any volume-backed server it rebuilds).
    cloud.cli('--os-compute-api-version', '2.93', 'server', 'rebuild',
              '--reimage-boot-volume', '--image', images[1]['id'],
              server['id'])
    rebuilt = rest.wait_server(server['id'], 'ACTIVE', timeout=60)
    assert rebuilt['image'] == ''
    volume = _wait_volume(rest, vid, 'in-use')
    assert volume['volume_image_metadata']['image_id'] == images[1]['id']
    [attachment] = volume['attachments']
    assert attachment['server_id'] == server['id']
    assert attachment['device'] == '/dev/vda'
    actions = cloud.cli_json('server', 'event', 'list', server['id'])
    assert actions[0]['Action'] == 'rebuild'


def test_rebuild_volume_backed_below_2_93(cloud, rest, images,
                                          volume_backed):
    server, vid = volume_backed
    result = cloud.cli('--os-compute-api-version', '2.92', 'server',
                       'rebuild', '--image', images[1]['id'], server['id'],
                       check=False)
    assert result.returncode != 0 and '400' in result.stderr
    assert 'Unable to rebuild with a different image for a volume-backed ' \
        'server.' in result.stderr
    # The image already in the root volume is fine at any version.
    cloud.cli('--os-compute-api-version', '2.92', 'server', 'rebuild',
              '--image', images[0]['id'], server['id'])
    rest.wait_server(server['id'], 'ACTIVE', timeout=60)
    volume = _wait_volume(rest, vid, 'in-use')
    assert volume['volume_image_metadata']['image_id'] == images[0]['id']
