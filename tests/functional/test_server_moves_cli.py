"""Cold migration and resize between the two computes of the functional
cloud, with the real CLI: migrate + confirm, resize + revert."""
import pytest

from support import cloud as cloud_support


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


@pytest.fixture(scope='module')
def image(cloud, tmp_path_factory):
    path = tmp_path_factory.mktemp('img3') / 'disk.raw'
    path.write_bytes(b'\2' * 4096)
    return cloud.cli_json('image', 'create', '--file', str(path),
                          '--disk-format', 'raw', '--container-format',
                          'bare', '--public', 'func-image-3')


@pytest.fixture
def server(cloud, image, rest):
    created = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                             '--image', image['id'], '--wait', 'mover')
    yield created
    cloud.cli('server', 'delete', '--wait', created['id'], check=False)


def test_migrate_then_confirm_moves_to_the_other_host(cloud, server, rest):
    source = server['OS-EXT-SRV-ATTR:host']
    cloud.cli('server', 'migrate', '--wait', server['id'])
    moved = rest.wait_server(server['id'], 'VERIFY_RESIZE')
    dest = moved['OS-EXT-SRV-ATTR:host']
    assert dest != source
    migrations = cloud.cli_json('server', 'migration', 'list', '--server',
                                server['id'])
    assert migrations[0]['Status'] == 'finished'
    assert (migrations[0]['Source Compute'],
            migrations[0]['Dest Compute']) == (source, dest)
    cloud.cli('server', 'resize', 'confirm', server['id'])
    active = rest.wait_server(server['id'], 'ACTIVE')
    assert active['OS-EXT-SRV-ATTR:host'] == dest
    migrations = cloud.cli_json('server', 'migration', 'list', '--server',
                                server['id'])
    assert migrations[0]['Status'] == 'confirmed'


def test_resize_then_revert_goes_back(cloud, server, rest):
    source = server['OS-EXT-SRV-ATTR:host']
    cloud.cli('server', 'resize', '--flavor', 'm1.tiny', '--wait',
              server['id'])
    resized = rest.wait_server(server['id'], 'VERIFY_RESIZE')
    assert resized['OS-EXT-SRV-ATTR:host'] != source
    assert resized['flavor']['id'] == '1'
    cloud.cli('server', 'resize', 'revert', server['id'])
    back = rest.wait_server(server['id'], 'ACTIVE')
    assert back['OS-EXT-SRV-ATTR:host'] == source
    assert back['flavor']['id'] == '42'
    migrations = cloud.cli_json('server', 'migration', 'list', '--server',
                                server['id'])
    assert migrations[0]['Status'] == 'reverted'


def test_resize_to_the_same_flavor_is_400(cloud, server):
    result = cloud.cli('server', 'resize', '--flavor', 'm1.nano',
                       server['id'], check=False)
    assert result.returncode != 0 and '400' in result.stderr


def test_confirm_without_resize_is_409(cloud, server):
    result = cloud.cli('server', 'resize', 'confirm', server['id'],
                       check=False)
    assert result.returncode != 0 and '409' in result.stderr
