"""Images through the real CLI: create with data, list (with filters),
show, set, save, deactivate/activate, delete, and who sees what."""
import hashlib
import os

import pytest


@pytest.fixture
def image_file(tmp_path):
    path = tmp_path / 'disk.qcow2'
    path.write_bytes(os.urandom(256 * 1024 + 3))
    return path


def _create(cloud, name, image_file, *options, user='admin'):
    return cloud.cli_json('image', 'create', '--file', str(image_file),
                          '--disk-format', 'qcow2', '--container-format',
                          'bare', *options, name, user=user)


def test_image_lifecycle(cloud, image_file, tmp_path):
    data = image_file.read_bytes()
    image = _create(cloud, 'func-img', image_file, '--property',
                    'os_distro=cirros', '--min-disk', '1', '--min-ram', '64')
    try:
        assert image['status'] == 'active'
        assert image['size'] == len(data)
        assert image['checksum'] == hashlib.md5(data).hexdigest()
        assert image['visibility'] == 'shared'
        assert image['min_disk'] == 1 and image['min_ram'] == 64
        assert image['properties']['os_distro'] == 'cirros'

        listed = cloud.cli_json('image', 'list')
        assert {'ID': image['id'], 'Name': 'func-img',
                'Status': 'active'} in listed
        shown = cloud.cli_json('image', 'show', 'func-img')
        assert shown['id'] == image['id']

        cloud.cli('image', 'set', '--property', 'hw_disk_bus=virtio',
                  '--name', 'func-img2', 'func-img')
        shown = cloud.cli_json('image', 'show', 'func-img2')
        assert shown['properties']['hw_disk_bus'] == 'virtio'

        out = tmp_path / 'saved'
        cloud.cli('image', 'save', '--file', str(out), 'func-img2')
        assert out.read_bytes() == data

        cloud.cli('image', 'set', '--deactivate', 'func-img2')
        assert cloud.cli_json('image', 'show', 'func-img2')['status'] == \
            'deactivated'
        cloud.cli('image', 'set', '--activate', 'func-img2')
        assert cloud.cli_json('image', 'show', 'func-img2')['status'] == \
            'active'
    finally:
        cloud.cli('image', 'delete', image['id'])
    result = cloud.cli('image', 'show', image['id'], check=False)
    assert result.returncode != 0
    store = os.path.join(cloud.workdir, 'state', 'images', image['id'])
    assert not os.path.exists(store)


def test_list_filters(cloud, image_file):
    made = [_create(cloud, 'func-filter-a', image_file, '--public',
                    '--property', 'image_type=snapshot'),
            _create(cloud, 'func-filter-b', image_file, '--private')]
    try:
        def names(*args):
            return {i['Name'] for i in cloud.cli_json('image', 'list',
                                                      *args)}
        assert 'func-filter-a' in names('--public')
        assert 'func-filter-a' not in names('--private')
        assert 'func-filter-b' in names('--private')
        assert names('--property', 'image_type=snapshot') >= {
            'func-filter-a'}
        assert 'func-filter-b' not in names('--property',
                                            'image_type=snapshot')
        assert names('--name', 'func-filter-b') == {'func-filter-b'}
        assert 'func-filter-a' in names('--status', 'active')
        long = cloud.cli_json('image', 'list', '--long', '--name',
                              'func-filter-a')
        assert long[0]['Disk Format'] == 'qcow2'
        assert long[0]['Visibility'] == 'public'
        assert long[0]['Hash Algorithm'] == 'sha512'
    finally:
        for image in made:
            cloud.cli('image', 'delete', image['id'])


def test_private_image_is_invisible_to_other_projects(cloud, image_file):
    image = _create(cloud, 'func-private', image_file, '--private')
    try:
        names = {i['Name'] for i in cloud.cli_json('image', 'list',
                                                   user='demo')}
        assert 'func-private' not in names
        for ref in ('func-private', image['id']):
            result = cloud.cli('image', 'show', ref, user='demo',
                               check=False)
            assert result.returncode != 0
            assert 'No Image found' in result.stderr or \
                '404' in result.stderr
    finally:
        cloud.cli('image', 'delete', image['id'])


def test_public_image_is_visible_but_not_deletable(cloud, image_file,
                                                   tmp_path):
    image = _create(cloud, 'func-public', image_file, '--public')
    try:
        names = {i['Name'] for i in cloud.cli_json('image', 'list',
                                                   user='demo')}
        assert 'func-public' in names
        out = tmp_path / 'demo-copy'
        cloud.cli('image', 'save', '--file', str(out), 'func-public',
                  user='demo')
        assert out.read_bytes() == image_file.read_bytes()
        result = cloud.cli('image', 'delete', 'func-public', user='demo',
                           check=False)
        assert result.returncode != 0 and '403' in result.stderr
    finally:
        cloud.cli('image', 'delete', image['id'])


def test_members_cannot_create_public_images(cloud, image_file):
    result = cloud.cli('image', 'create', '--file', str(image_file),
                       '--disk-format', 'qcow2', '--container-format',
                       'bare', '--public', 'func-nope', user='demo',
                       check=False)
    assert result.returncode != 0 and '403' in result.stderr
    own = _create(cloud, 'func-demo', image_file, user='demo')
    try:
        assert own['visibility'] == 'shared'
        assert own['owner'] == cloud.cli_json('project', 'show',
                                              'demo')['id']
    finally:
        cloud.cli('image', 'delete', own['id'], user='demo')
