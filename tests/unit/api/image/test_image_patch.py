"""PATCH /v2/images/{id} (JSON patch): attributes, properties, tags and
the rules on what may change."""
import pytest

BASE = '/image/v2/images'
K1 = '0b5c4b6e-7a1d-4f0e-9a55-1f2e3d4c5b01'
K2 = '0b5c4b6e-7a1d-4f0e-9a55-1f2e3d4c5b02'
R1 = '0b5c4b6e-7a1d-4f0e-9a55-1f2e3d4c5b03'


def test_add_replace_remove(admin, images):
    image = images.create(admin, kernel_id=K1, image_type='snapshot')
    resp = images.patch(admin, image['id'], [
        {'op': 'replace', 'path': '/name', 'value': 'renamed'},
        {'op': 'add', 'path': '/min_ram', 'value': 128},
        {'op': 'add', 'path': '/ramdisk_id', 'value': R1},
        {'op': 'replace', 'path': '/kernel_id', 'value': K2},
        {'op': 'remove', 'path': '/image_type'},
        {'op': 'replace', 'path': '/tags', 'value': ['t1', 't2']},
    ])
    assert resp.status_int == 200, resp.text
    body = resp.json
    assert body['name'] == 'renamed' and body['min_ram'] == 128
    assert body['ramdisk_id'] == R1 and body['kernel_id'] == K2
    assert 'image_type' not in body and body['tags'] == ['t1', 't2']
    assert admin.get('%s/%s' % (BASE, image['id'])).json == body


def test_add_on_an_existing_property_replaces_it(admin, images):
    image = images.create(admin, foo='1')
    resp = images.patch(admin, image['id'], [
        {'op': 'add', 'path': '/foo', 'value': '2'}])
    assert resp.json['foo'] == '2'


def test_missing_property_conflicts(admin, images):
    image = images.create(admin)
    for op in ('replace', 'remove'):
        resp = images.patch(admin, image['id'], [
            {'op': op, 'path': '/nope', 'value': 'x'}])
        assert resp.status_int == 409, op


def test_json_pointer_escapes(admin, images):
    image = images.create(admin)
    resp = images.patch(admin, image['id'], [
        {'op': 'add', 'path': '/a~1b~0c', 'value': 'v'}])
    assert resp.json['a/b~c'] == 'v'


def test_older_patch_media_type(admin, images):
    image = images.create(admin)
    resp = images.patch(admin, image['id'], [{'replace': '/name',
                                              'value': 'old-style'}],
                        content_type='application/openstack-images-v2.0-'
                                     'json-patch')
    assert resp.status_int == 200 and resp.json['name'] == 'old-style'


def test_wrong_media_type_is_415(admin, images):
    image = images.create(admin)
    resp = images.patch(admin, image['id'], [], content_type='application/'
                                                             'json')
    assert resp.status_int == 415


@pytest.mark.parametrize('ops,code', [
    ([{'op': 'replace', 'path': '/status', 'value': 'active'}], 403),
    ([{'op': 'replace', 'path': '/id', 'value': 'x'}], 403),
    ([{'op': 'add', 'path': '/deleted', 'value': 'x'}], 403),
    ([{'op': 'remove', 'path': '/name'}], 403),
    ([{'op': 'replace', 'path': '/min_disk', 'value': 'big'}], 400),
    ([{'op': 'replace', 'path': '/disk_format', 'value': 'floppy'}], 400),
    ([{'op': 'add', 'path': '/foo', 'value': 5}], 400),
    ([{'op': 'add', 'path': '/foo'}], 400),
    ([{'op': 'move', 'path': '/foo', 'value': 'x'}], 400),
    ([{'op': 'add', 'path': '/a/b', 'value': 'x'}], 400),
    ([{'op': 'add', 'path': 'name', 'value': 'x'}], 400),
    ({'op': 'add'}, 400),
])
def test_refused_operations(admin, images, ops, code):
    image = images.create(admin)
    resp = images.patch(admin, image['id'], ops)
    assert resp.status_int == code, resp.text


def test_formats_change_only_while_queued(admin, images):
    image = images.active(admin)
    resp = images.patch(admin, image['id'], [
        {'op': 'replace', 'path': '/disk_format', 'value': 'raw'}])
    assert resp.status_int == 403
    queued = images.create(admin)
    resp = images.patch(admin, queued['id'], [
        {'op': 'replace', 'path': '/disk_format', 'value': 'raw'}])
    assert resp.status_int == 200 and resp.json['disk_format'] == 'raw'


def test_visibility_rules(admin, images, demo_headers):
    image = images.create(admin, headers=demo_headers)
    for value, code in (('private', 200), ('community', 200),
                        ('public', 403)):
        resp = images.patch(admin, image['id'], [
            {'op': 'replace', 'path': '/visibility', 'value': value}],
            headers=demo_headers)
        assert resp.status_int == code, value
    resp = images.patch(admin, image['id'], [
        {'op': 'replace', 'path': '/visibility', 'value': 'public'}])
    assert resp.status_int == 200 and resp.json['visibility'] == 'public'


def test_other_projects_cannot_patch(admin, images, demo_headers):
    public = images.create(admin, visibility='public')
    private = images.create(admin, visibility='private')
    ops = [{'op': 'replace', 'path': '/name', 'value': 'x'}]
    assert images.patch(admin, public['id'], ops,
                        headers=demo_headers).status_int == 403
    assert images.patch(admin, private['id'], ops,
                        headers=demo_headers).status_int == 404


def test_owner_changes_are_admin_only(admin, images, demo_headers):
    image = images.create(admin, headers=demo_headers)
    ops = [{'op': 'replace', 'path': '/owner', 'value': 'elsewhere'}]
    assert images.patch(admin, image['id'], ops,
                        headers=demo_headers).status_int == 403
    assert images.patch(admin, image['id'], ops).json['owner'] == \
        'elsewhere'


def test_patch_moves_updated_at_and_keeps_created_at(admin, images):
    image = images.create(admin)
    body = images.patch(admin, image['id'], [
        {'op': 'add', 'path': '/foo', 'value': 'bar'}]).json
    assert body['created_at'] == image['created_at']
    assert body['updated_at'] >= image['updated_at']


def test_tag_sub_resource(admin, images):
    image = images.create(admin, tags=['a'])
    path = '%s/%s/tags' % (BASE, image['id'])
    assert admin.put(path + '/b').status_int == 204
    assert admin.put(path + '/b').status_int == 204
    assert admin.get('%s/%s' % (BASE, image['id'])).json['tags'] == [
        'a', 'b']
    assert admin.delete(path + '/a').status_int == 204
    assert admin.delete(path + '/a').status_int == 404
    assert admin.get('%s/%s' % (BASE, image['id'])).json['tags'] == ['b']
