"""Every image view key by key (glance's api-ref samples), checked also
against the /v2/schemas documents the service serves, as glanceclient
checks them; and the schema documents' own shapes."""
import jsonschema

V2 = '/image/v2'
IMAGE_KEYS = {'checksum', 'container_format', 'created_at', 'disk_format',
              'file', 'id', 'min_disk', 'min_ram', 'name', 'os_hash_algo',
              'os_hash_value', 'os_hidden', 'owner', 'protected', 'schema',
              'self', 'size', 'status', 'tags', 'updated_at',
              'virtual_size', 'visibility'}
MEMBER_KEYS = {'created_at', 'image_id', 'member_id', 'schema', 'status',
               'updated_at'}
PATCH = 'application/openstack-images-v2.1-json-patch'


def _valid(admin, name, body):
    jsonschema.validate(body, admin.get(V2 + '/schemas/' + name).json)


def test_image_create_show_list_update_keys(admin, images):
    created = images.create(admin)
    assert set(created) == IMAGE_KEYS
    _valid(admin, 'image', created)
    active = images.active(admin, description='tiny', os_distro='cirros')
    assert set(active) == IMAGE_KEYS | {'description', 'os_distro'}
    _valid(admin, 'image', active)
    listed = admin.get(V2 + '/images').json
    assert set(listed) == {'images', 'first', 'schema'}
    assert all(set(i) - IMAGE_KEYS <= {'description', 'os_distro'}
               for i in listed['images'])
    _valid(admin, 'images', listed)
    updated = images.patch(admin, created['id'], [
        {'op': 'replace', 'path': '/name', 'value': 'renamed'}])
    assert updated.status_int == 200 and set(updated.json) == IMAGE_KEYS
    _valid(admin, 'image', updated.json)
    assert images.send(admin, 'PUT', '%s/images/%s/tags/t1' % (
        V2, created['id'])).status_int == 204
    assert admin.get('%s/images/%s' % (V2, created['id'])).json[
        'tags'] == ['t1']


def test_member_keys(admin, images, demo):
    image = images.create(admin, visibility='shared')
    resp = admin.post('%s/images/%s/members' % (V2, image['id']),
                      {'member': demo['project_id']})
    assert resp.status_int == 200 and set(resp.json) == MEMBER_KEYS
    _valid(admin, 'member', resp.json)
    listed = admin.get('%s/images/%s/members' % (V2, image['id'])).json
    assert set(listed) == {'members', 'schema'}
    assert listed['schema'] == '/v2/schemas/members'
    _valid(admin, 'members', listed)


def test_image_schema_document(admin):
    doc = admin.get(V2 + '/schemas/image').json
    assert set(doc) == {'name', 'properties', 'additionalProperties',
                        'links'}
    assert doc['additionalProperties'] == {'type': 'string'}
    assert set(doc['properties']) == IMAGE_KEYS | {
        'direct_url', 'locations', 'stores', 'kernel_id', 'ramdisk_id',
        'instance_uuid', 'architecture', 'os_distro', 'os_version',
        'description', 'cinder_encryption_key_id',
        'cinder_encryption_key_deletion_policy'}
    assert doc['properties']['status']['enum'] == [
        'queued', 'saving', 'active', 'killed', 'deleted', 'uploading',
        'importing', 'pending_delete', 'deactivated']
    assert [link['rel'] for link in doc['links']] == [
        'self', 'enclosure', 'describedby']
    images_doc = admin.get(V2 + '/schemas/images').json
    assert set(images_doc['properties']) == {'images', 'schema', 'first',
                                             'next'}


def test_member_schema_documents_are_minimal(admin):
    member = admin.get(V2 + '/schemas/member').json
    assert set(member) == {'name', 'properties'}
    assert set(member['properties']) == MEMBER_KEYS
    members = admin.get(V2 + '/schemas/members').json
    assert set(members) == {'name', 'properties', 'links'}
    assert set(members['properties']) == {'members', 'schema'}
    assert members['links'] == [{'rel': 'describedby', 'href': '{schema}'}]


def test_schemas_refuse_other_methods_and_unknown_names(admin):
    resp = admin.post(V2 + '/schemas/image', {})
    assert resp.status_int == 405 and resp.headers['Allow'] == 'GET'
    assert admin.get(V2 + '/schemas/nope').status_int == 404
    assert admin.get(V2 + '/schemas/metadefs/nope').status_int == 404


def test_locations_are_for_services_and_admins(admin, images, demo,
                                               demo_headers):
    active = images.active(admin, visibility='public')
    resp = admin.get('%s/images/%s/locations' % (V2, active['id']))
    assert resp.status_int == 200
    (location,) = resp.json
    assert set(location) == {'url', 'metadata'}
    assert location['url'].startswith('file://')
    assert location['url'].endswith(active['id'])
    denied = admin.get('%s/images/%s/locations' % (V2, active['id']),
                       headers=demo_headers)
    assert denied.status_int == 403
    assert denied.json['message'] == ('You are not authorized to complete '
                                      'fetch_image_location action.')
    queued = images.create(admin)
    assert admin.get('%s/images/%s/locations' % (V2, queued['id'])
                     ).json == []


def test_adding_a_location_needs_an_http_store(admin, images):
    queued = images.create(admin)
    path = '%s/images/%s/locations' % (V2, queued['id'])
    resp = admin.post(path, {'url': 'http://example.com/x.img'})
    assert resp.status_int == 403
    assert resp.json['message'] == ('http store must be enabled to use '
                                    'location API by normal user.')
    assert admin.post(path, {}).status_int == 400
    active = images.active(admin)
    resp = admin.post('%s/images/%s/locations' % (V2, active['id']),
                      {'url': 'http://example.com/x.img'})
    assert resp.status_int == 409
    assert resp.json['message'] == ("It's not allowed to add locations if "
                                    "image status is active.")
