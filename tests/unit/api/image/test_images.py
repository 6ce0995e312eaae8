"""Images: create, show, delete, the glance v2 image shape, attribute
rules, who may see and change an image, fault formats."""
import json
import uuid

import pytest

BASE = '/image/v2/images'
SDK_BODY = {'name': 'cirros', 'disk_format': 'qcow2',
            'container_format': 'bare', 'visibility': 'private',
            'owner_specified.openstack.md5': '',
            'owner_specified.openstack.sha256': '',
            'owner_specified.openstack.object': 'images/cirros'}


def test_create_answers_201_queued_with_the_glance_shape(admin):
    resp = admin.post(BASE, SDK_BODY)
    assert resp.status_int == 201, resp.text
    image = resp.json
    assert image['status'] == 'queued' and image['visibility'] == 'private'
    assert image['owner_specified.openstack.object'] == 'images/cirros'
    assert image['owner_specified.openstack.md5'] == ''
    for key in ('checksum', 'os_hash_algo', 'os_hash_value', 'size',
                'virtual_size'):
        assert image[key] is None
    assert image['protected'] is False and image['os_hidden'] is False
    assert image['min_ram'] == 0 and image['min_disk'] == 0
    assert image['tags'] == []
    assert image['self'] == '/v2/images/%s' % image['id']
    assert image['file'] == '/v2/images/%s/file' % image['id']
    assert image['schema'] == '/v2/schemas/image'
    assert image['created_at'].endswith('Z') and len(
        image['created_at']) == 20
    assert image['updated_at'] == image['created_at']
    assert resp.headers['Location'].endswith('/image/v2/images/' +
                                             image['id'])
    assert 'locations' not in image

KERNEL = '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f'


def test_show_equals_create_and_default_visibility_is_shared(admin, images):
    image = images.create(admin, min_ram=64, tags=['a', 'b', 'a'],
                          kernel_id=KERNEL, ramdisk_id=KERNEL)
    assert image['visibility'] == 'shared'
    assert image['tags'] == ['a', 'b']
    shown = admin.get('%s/%s' % (BASE, image['id']))
    assert shown.status_int == 200 and shown.json == image
    assert shown.json['kernel_id'] == KERNEL and shown.json['min_ram'] == 64


def test_id_may_be_given_once(admin, images):
    image_id = str(uuid.uuid4())
    assert images.create(admin, id=image_id)['id'] == image_id
    resp = admin.post(BASE, {'id': image_id, 'name': 'again'})
    assert resp.status_int == 409
    admin.delete('%s/%s' % (BASE, image_id))
    # A deleted image keeps its id.
    assert admin.post(BASE, {'id': image_id}).status_int == 409


def test_owner_is_the_project(admin, demo, images, demo_headers):
    image = images.create(admin, headers=demo_headers)
    assert image['owner'] == demo['project_id']


@pytest.mark.parametrize('key,value', [
    ('status', 'active'), ('checksum', 'v'), ('size', 1), ('self', 'v'),
    ('file', 'v'), ('schema', 'v'), ('created_at', 'v'),
    ('os_hash_value', 'v'), ('virtual_size', 1)])
def test_read_only_attributes_are_403(admin, key, value):
    # glance checks values against the schema first: a value of the
    # wrong type is a 400 even for a read-only attribute.
    resp = admin.post(BASE, {'name': 'x', key: value})
    assert resp.status_int == 403
    assert 'read-only' in resp.text


@pytest.mark.parametrize('key', ['location', 'deleted', 'os_glance_x'])
def test_reserved_attributes_are_403(admin, key):
    resp = admin.post(BASE, {'name': 'x', key: 'v'})
    assert resp.status_int == 403 and 'reserved' in resp.text


@pytest.mark.parametrize('body', [
    {'disk_format': 'floppy'}, {'container_format': 'box'},
    {'visibility': 'everyone'}, {'min_ram': -1}, {'min_disk': '1'},
    {'protected': 'yes'}, {'id': 'not-a-uuid'}, {'name': 'x' * 256},
    {'kernel_id': 5}, {'tags': 'a'},
])
def test_bad_values_are_400(admin, body):
    resp = admin.post(BASE, body)
    assert resp.status_int == 400, resp.text


def test_only_admins_create_public_images(admin, demo_headers):
    resp = admin.post(BASE, {'name': 'p', 'visibility': 'public'},
                      headers=demo_headers)
    assert resp.status_int == 403 and 'publicize_image' in resp.text
    resp = admin.post(BASE, {'name': 'p', 'visibility': 'public'})
    assert resp.status_int == 201
    resp = admin.post(BASE, {'name': 'c', 'visibility': 'community'},
                      headers=demo_headers)
    assert resp.status_int == 201


def test_members_cannot_create_for_another_project(admin, demo_headers):
    resp = admin.post(BASE, {'name': 'x', 'owner': 'someone-else'},
                      headers=demo_headers)
    assert resp.status_int == 403
    resp = admin.post(BASE, {'name': 'x', 'owner': 'someone-else'})
    assert resp.status_int == 201 and resp.json['owner'] == 'someone-else'


def test_name_lookup_404s_in_glance_text(admin):
    resp = admin.get(BASE + '/cirros', headers={'Accept': 'text/plain'})
    assert resp.status_int == 404
    assert resp.content_type == 'text/plain'
    assert 'No image found with ID cirros' in resp.text


def test_fault_format_follows_accept(admin):
    resp = admin.get(BASE + '/nope', headers={'Accept': 'application/json'})
    assert resp.json == {'code': '404 Not Found', 'title': 'Not Found',
                         'message': 'No image found with ID nope'}
    # openstacksdk sends no Accept and reads the message out of HTML.
    resp = admin.get(BASE + '/nope', headers={'Accept': ''})
    assert resp.content_type == 'text/html'
    assert 'No image found with ID nope' in resp.text


@pytest.mark.parametrize('visibility,seen', [
    ('private', False), ('shared', False), ('public', True),
    ('community', True)])
def test_other_projects_see_public_and_community_only(
        admin, images, demo_headers, visibility, seen):
    image = images.create(admin, visibility=visibility)
    resp = admin.get('%s/%s' % (BASE, image['id']), headers=demo_headers)
    assert resp.status_int == (200 if seen else 404)


def test_delete_is_for_the_owner(admin, images, demo_headers):
    public = images.create(admin, visibility='public')
    private = images.create(admin, visibility='private')
    path = '%s/%s' % (BASE, public['id'])
    assert admin.delete(path, headers=demo_headers).status_int == 403
    assert admin.delete('%s/%s' % (BASE, private['id']),
                        headers=demo_headers).status_int == 404
    assert admin.delete(path).status_int == 204
    assert admin.get(path).status_int == 404
    assert admin.delete(path).status_int == 404


def test_protected_images_cannot_be_deleted(admin, images):
    image = images.create(admin, protected=True)
    path = '%s/%s' % (BASE, image['id'])
    resp = admin.delete(path)
    assert resp.status_int == 403 and 'protected' in resp.text
    images.patch(admin, image['id'], [
        {'op': 'replace', 'path': '/protected', 'value': False}])
    assert admin.delete(path).status_int == 204


def test_readers_cannot_create(admin, demo):
    from support.identity import DEMO_PASSWORD, V3, token_for
    reader = admin.get(V3 + '/roles?name=reader').json['roles']
    if not reader:
        reader = [admin.post(V3 + '/roles', {'role': {
            'name': 'reader'}}).json['role']]
    admin.delete(V3 + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], demo['user_id'], demo['member_role_id']))
    admin.put(V3 + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], demo['user_id'], reader[0]['id']))
    token = token_for(admin, 'demo', DEMO_PASSWORD, 'demo')
    headers = {'X-Auth-Token': token}
    assert admin.get(BASE, headers=headers).status_int == 200
    assert admin.post(BASE, {'name': 'x'}, headers=headers).status_int == 403


def test_no_token_is_401(client, db):
    resp = client.get(BASE)
    assert resp.status_int == 401
    assert 'Keystone uri=' in resp.headers['WWW-Authenticate']


def test_versions_and_schemas(admin):
    assert admin.get('/image/').status_int == 300
    assert admin.get('/image/v2/').status_int == 300
    schema = admin.get('/image/v2/schemas/image')
    assert schema.status_int == 200
    assert schema.json['name'] == 'image'
    assert 'disk_format' in schema.json['properties']
    assert admin.get('/image/v2/schemas/images').json['name'] == 'images'
    assert admin.get('/image/v2/schemas/members').status_int == 200
    assert admin.get('/image/v2/schemas/nope').status_int == 404


def test_body_must_be_an_object(admin):
    resp = admin.post(BASE, raw=json.dumps(['x']).encode())
    assert resp.status_int == 400
    resp = admin.post(BASE, raw=b'{nope')
    assert resp.status_int == 400
