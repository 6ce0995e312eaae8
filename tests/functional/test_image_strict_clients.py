"""The image API through tempest's own image v2 service clients (what
strict automation sends, the v2.0 JSON patch included) and the real CLI:
devstack's schema-image.json properties checked as glance checks them,
lists, tags, members and deactivation, with glance's statuses and texts."""
import io
import json
import uuid

import pytest
from tempest.lib import exceptions as lib_exc
from tempest.lib.services.image import v2 as image_v2

from support import cloud as support_cloud
from support import strict_clients

PREFIX = "Provided object does not match schema 'image': "
IMAGE_KEYS = {'checksum', 'container_format', 'created_at', 'disk_format',
              'file', 'id', 'min_disk', 'min_ram', 'name', 'os_hash_algo',
              'os_hash_value', 'os_hidden', 'owner', 'protected', 'schema',
              'self', 'size', 'status', 'tags', 'updated_at',
              'virtual_size', 'visibility'}


class Image:
    def __init__(self, cloud, user='admin'):
        provider = strict_clients._provider(cloud, user)
        for name, cls in (('images', image_v2.ImagesClient),
                          ('members', image_v2.ImageMembersClient),
                          ('schemas', image_v2.SchemasClient)):
            setattr(self, name, cls(provider, 'image', 'RegionOne'))


@pytest.fixture(scope='module')
def clients(cloud):
    return Image(cloud)


def _message(exc):
    body = exc.resp_body
    if isinstance(body, bytes):
        body = body.decode()
    return body if isinstance(body, str) else json.dumps(body)


def test_schema_has_devstacks_properties(clients):
    schema = clients.schemas.show_schema('image')
    props = schema['properties']
    assert props['kernel_id']['is_base'] is False
    assert props['kernel_id']['type'] == ['null', 'string']
    assert props['cinder_encryption_key_deletion_policy']['enum'] == [
        'on_image_deletion', 'do_not_delete']
    assert 'is_base' not in props['name']


def test_property_values_refused_as_glance(clients):
    with pytest.raises(lib_exc.BadRequest) as caught:
        clients.images.create_image(name='strict-bad', kernel_id='nope',
                                    container_format='bare',
                                    disk_format='raw')
    assert PREFIX + "'nope' does not match" in _message(caught.value)
    image = clients.images.create_image(
        name='strict-good', container_format='bare', disk_format='raw',
        kernel_id=str(uuid.uuid4()), os_distro='cirros')
    try:
        assert set(image) == IMAGE_KEYS | {'kernel_id', 'os_distro'}
        with pytest.raises(lib_exc.BadRequest) as caught:
            clients.images.update_image(image['id'], [
                {'replace': '/os_distro', 'value': 7}])
        assert PREFIX + "7 is not of type 'string'" in _message(caught.value)
        updated = clients.images.update_image(image['id'], [
            {'replace': '/os_distro', 'value': 'ubuntu'},
            {'add': '/architecture', 'value': 'x86_64'}])
        assert updated['os_distro'] == 'ubuntu'
        assert updated['architecture'] == 'x86_64'
        with pytest.raises(lib_exc.Conflict):
            clients.images.update_image(image['id'], [
                {'add': '/architecture', 'value': 'aarch64'}])
    finally:
        clients.images.delete_image(image['id'])


def test_list_tags_members_and_deactivation(cloud, clients):
    demo = Image(cloud, 'demo')
    demo_project = cloud.cli_json('project', 'show', 'demo')['id']
    image = clients.images.create_image(
        name='strict-shared', container_format='bare', disk_format='raw',
        visibility='shared')
    try:
        clients.images.store_image_file(image['id'],
                                        io.BytesIO(b'strict-data'))
        clients.images.add_image_tag(image['id'], 'strict-tag')
        listed = clients.images.list_images(params={
            'tag': 'strict-tag', 'sort': 'name:asc', 'limit': 1})
        assert [i['id'] for i in listed['images']] == [image['id']]
        assert listed['next'].startswith('/v2/images?')
        with pytest.raises(lib_exc.BadRequest):
            clients.images.list_images(params={'sort_key': 'min_ram'})
        with pytest.raises(lib_exc.NotFound):
            clients.images.delete_image_tag(image['id'], 'absent')
        member = clients.members.create_image_member(
            image['id'], member=demo_project)
        assert member['status'] == 'pending'
        with pytest.raises(lib_exc.Conflict):
            clients.members.create_image_member(image['id'],
                                                member=demo_project)
        with pytest.raises(lib_exc.BadRequest):
            demo.members.update_image_member(
                image['id'], demo_project, status='maybe')
        accepted = demo.members.update_image_member(
            image['id'], demo_project, status='accepted')
        assert accepted['status'] == 'accepted'
        seen = demo.images.list_images()['images']
        assert image['id'] in [i['id'] for i in seen]
        clients.images.deactivate_image(image['id'])
        assert clients.images.show_image(image['id'])['status'] == \
            'deactivated'
        with pytest.raises(lib_exc.Forbidden):
            demo.images.show_image_file(image['id'])
        clients.images.reactivate_image(image['id'])
    finally:
        clients.images.delete_image(image['id'])


def test_cli_reports_glances_refusal(cloud):
    result = cloud.cli('image', 'create', '--property', 'ramdisk_id=bad',
                       '--container-format', 'bare', '--disk-format', 'raw',
                       'cli-bad-ramdisk', check=False)
    assert result.returncode != 0
    assert "does not match" in result.stderr, result.stderr
    rest = support_cloud.Rest(cloud)
    found = rest.get('/image/v2/images?name=cli-bad-ramdisk').json()
    assert found['images'] == []
