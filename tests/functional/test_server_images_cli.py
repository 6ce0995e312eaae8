"""Operations that go through images, on real daemons with the CLI:
rescue/unrescue, snapshot (server image create), rebuild from it,
shelve (offloaded by default) and unshelve onto whatever host."""
import pytest

from support import cloud as cloud_support


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


@pytest.fixture(scope='module')
def image(cloud, tmp_path_factory):
    path = tmp_path_factory.mktemp('img2') / 'disk.raw'
    path.write_bytes(b'\1' * 8192)
    return cloud.cli_json('image', 'create', '--file', str(path),
                          '--disk-format', 'raw', '--container-format',
                          'bare', '--public', 'func-image-2')


@pytest.fixture
def server(cloud, image, rest):
    created = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                             '--image', image['id'], '--wait', 'imgsrv')
    yield created
    cloud.cli('server', 'delete', '--wait', created['id'], check=False)


def test_rescue_and_unrescue(cloud, server, rest):
    cloud.cli('server', 'rescue', server['id'])
    rest.wait_server(server['id'], 'RESCUE')
    cloud.cli('server', 'unrescue', server['id'])
    rest.wait_server(server['id'], 'ACTIVE')


def test_snapshot_then_rebuild_from_it(cloud, server, rest):
    snap = cloud.cli_json('server', 'image', 'create', '--name',
                          'func-snap', '--wait', server['id'])
    shown = cloud.cli_json('image', 'show', snap['id'])
    assert shown['status'] == 'active'
    assert shown['properties']['image_type'] == 'snapshot'
    assert shown['properties']['instance_uuid'] == server['id']
    assert rest.server(server['id'])['OS-EXT-STS:task_state'] is None
    rebuilt = cloud.cli_json('server', 'rebuild', '--image', snap['id'],
                             '--wait', server['id'])
    assert rebuilt['id'] == server['id']
    after = rest.wait_server(server['id'], 'ACTIVE')
    assert after['image']['id'] == snap['id']
    assert after['OS-EXT-SRV-ATTR:host'] == server['OS-EXT-SRV-ATTR:host']
    cloud.cli('image', 'delete', snap['id'])


def test_shelve_offloads_and_unshelve_spawns_again(cloud, server, rest):
    cloud.cli('server', 'shelve', server['id'])
    shelved = rest.wait_server(server['id'], 'SHELVED_OFFLOADED')
    assert shelved['OS-EXT-SRV-ATTR:host'] is None
    images = cloud.cli_json('image', 'list', '--name', 'imgsrv-shelved')
    assert len(images) == 1
    cloud.cli('server', 'unshelve', server['id'])
    active = rest.wait_server(server['id'], 'ACTIVE')
    assert active['OS-EXT-SRV-ATTR:host'] in ('compute1', 'compute2')
    assert cloud.cli_json('image', 'list', '--name', 'imgsrv-shelved') == []
    events = [a['Action'] for a in cloud.cli_json('server', 'event', 'list',
                                                  server['id'])]
    assert events[:2] == ['unshelve', 'shelve']
