"""What a strict client sees when glance refuses an image list, a PATCH
or a count past its quotas: statuses and glance's exact texts (glance
publishes no response schemas; the texts come from its API code)."""
import urllib.parse

import pytest

from stratus.common.conf import CONF

BASE = '/image/v2/images'
JSON = {'Accept': 'application/json'}
V20 = 'application/openstack-images-v2.0-json-patch'


def _fault(resp, status, message):
    assert resp.status_int == status, resp.text
    assert resp.json['message'] == message


@pytest.mark.parametrize('query,message', [
    ('sort_key=nope', 'Invalid sort key: nope. It must be one of the '
     'following: name, status, container_format, disk_format, size, id, '
     'created_at, updated_at.'),
    ('sort_key=min_ram', 'Invalid sort key: min_ram. It must be one of the '
     'following: name, status, container_format, disk_format, size, id, '
     'created_at, updated_at.'),
    ('sort=name&sort_key=id', 'Old and new sorting syntax cannot be '
     'combined'),
    ('sort=name:up', 'Invalid sort direction: up'),
    ('sort_dir=up', 'Invalid sort direction: up'),
    ('sort_key=name&sort_key=id&sort_dir=asc&sort_dir=desc&sort_dir=asc',
     'Number of sort dirs does not match the number of sort keys'),
    ('member_status=maybe', 'Invalid status: maybe'),
    ('visibility=everyone', 'Invalid visibility value: everyone'),
    ('changes-since=2020-01-01', 'The "changes-since" filter is no longer '
     'available on v2.'),
    ('limit=x', 'limit param must be an integer'),
    ('limit=-1', 'limit param must be positive'),
    ('os_hidden=Maybe', "Invalid value 'maybe' for 'os_hidden' filter. "
     "Valid values are 'true' or 'false'."),
    ('protected=True', "Invalid value 'True' for 'protected' filter. "
     "Valid values are 'true' or 'false'."),
    ('size_min=big', 'Unable to filter on a range with a non-numeric '
     'value.'),
    ('created_at=gt:yesterday', 'Bad "created_at" query filter format. '
     'Use ISO 8601 DateTime notation.'),
    ('updated_at=foo:2020-01-01T00:00:00Z', 'Unable to filter on a unknown '
     'operator.'),
    ('name=foo:bar', "Unable to filter by unknown operator 'foo'."),
    ('name=in:"a', 'Invalid filter value "a. The quote is not closed.'),
    ('id=in:a"b"', 'Invalid filter value a"b". There is no comma before '
     'opening quotation mark.'),
    ('marker=nope', 'No image found with ID nope'),
])
def test_list_refusals(admin, query, message):
    _fault(admin.get(BASE + '?' + query), 400, message)


def names(resp):
    assert resp.status_int == 200, resp.text
    return [i['name'] for i in resp.json['images']]


def test_list_filters_as_glance(admin, images):
    first = images.create(admin, name='same', min_ram=512)
    second = images.create(admin, name='same')
    third = images.create(admin, name='same')
    # Ties follow created_at then id, in the one direction given.
    ids = [i['id'] for i in admin.get(BASE + '?sort=name:asc').json[
        'images']]
    assert ids == [first['id'], second['id'], third['id']]
    ids = [i['id'] for i in admin.get(BASE + '?sort_key=name').json[
        'images']]
    assert ids == [third['id'], second['id'], first['id']]
    assert [i['id'] for i in admin.get(BASE + '?min_ram=512').json[
        'images']] == [first['id']]
    assert len(names(admin.get(BASE + '?owner=%s' % first['owner']))) == 3
    assert names(admin.get(BASE + '?owner=someone')) == []
    # A time alone is an equality, not an operator.
    assert names(admin.get(BASE + '?created_at=2000-01-01T00:00:00Z')) == []
    assert len(names(admin.get(BASE + '?size_min=-5&status=queued'))) == 0


def test_first_and_next_links_keep_one_value_per_parameter(admin, images):
    for i in range(3):
        images.create(admin, name='img%d' % i, tags=['a', 'b'])
    body = admin.get(BASE + '?tag=a&tag=b&limit=2&sort=name:asc').json
    assert body['first'] == '/v2/images?tag=b&limit=2&sort=name%3Aasc'
    query = urllib.parse.parse_qsl(urllib.parse.urlparse(
        body['next']).query)
    assert query == [('tag', 'b'), ('limit', '2'), ('sort', 'name:asc'),
                     ('marker', body['images'][-1]['id'])]
    # Without a limit in the request, the next link has none either.
    CONF.set_override('limit_param_default', 2, 'image')
    try:
        body = admin.get(BASE).json
        assert body['next'] == '/v2/images?marker=%s' % (
            body['images'][-1]['id'])
    finally:
        CONF.clear_override('limit_param_default', 'image')


def _patch(images, admin, image_id, ops, content_type=None, headers=None):
    kw = {'content_type': content_type} if content_type else {}
    return images.patch(admin, image_id, ops,
                        headers=dict(JSON, **(headers or {})), **kw)


@pytest.mark.parametrize('ops,message', [
    ({'op': 'add'}, 'Request body must be a JSON array of operation '
     'objects.'),
    (['x'], 'Operations must be JSON objects.'),
    ([{'path': '/name', 'value': 'x'}], 'Unable to find `op` in JSON '
     'Schema change. It must be one of the following: add, remove, '
     'replace.'),
    ([{'op': 'move', 'path': '/name'}], 'Invalid operation: `move`. It must '
     'be one of the following: add, remove, replace.'),
    ([{'op': 'add', 'value': 'x'}], "Unable to find 'path' in JSON Schema "
     "change"),
    ([{'op': 'add', 'path': 'name', 'value': 'x'}],
     'Pointer `name` does not start with "/".'),
    ([{'op': 'add', 'path': '/a//b', 'value': 'x'}],
     'Pointer `/a//b` contains adjacent "/".'),
    ([{'op': 'add', 'path': '/name/', 'value': 'x'}],
     'Pointer `/name/` end with "/".'),
    ([{'op': 'add', 'path': '/a~2', 'value': 'x'}],
     'Pointer `/a~2` contains "~" not part of a recognized escape '
     'sequence.'),
    ([{'op': 'add', 'path': '/name/x', 'value': 'x'}],
     "Invalid JSON pointer for this resource: '/name/x'"),
    ([{'op': 'replace', 'path': '/locations/0', 'value': []}],
     "Invalid JSON pointer for this resource: '/locations/0'"),
    ([{'op': 'replace', 'path': '/name'}], 'Operation "replace" requires a '
     'member named "value".'),
])
def test_patch_body_refusals(admin, images, ops, message):
    image = images.create(admin)
    _fault(_patch(images, admin, image['id'], ops), 400, message)


def test_patch_v20_form(admin, images):
    image = images.create(admin, os_distro='cirros')
    resp = _patch(images, admin, image['id'],
                  [{'add': '/os_distro', 'value': 'x'}], content_type=V20)
    _fault(resp, 409, 'Property os_distro already present.')
    resp = _patch(images, admin, image['id'], [{'value': 'x'}],
                  content_type=V20)
    _fault(resp, 400, 'Operation objects must contain exactly one member '
           'named "add", "remove", or "replace".')
    resp = _patch(images, admin, image['id'],
                  [{'add': '/a', 'remove': '/b'}], content_type=V20)
    _fault(resp, 400, 'Operation objects must contain only one member '
           'named "add", "remove", or "replace".')
    resp = _patch(images, admin, image['id'],
                  [{'replace': '/os_distro', 'value': 'ubuntu'}],
                  content_type=V20)
    assert resp.status_int == 200 and resp.json['os_distro'] == 'ubuntu'


def test_patch_attribute_rules(admin, images, demo_headers):
    image = images.create(admin)
    path = image['id']
    _fault(_patch(images, admin, path, [{'op': 'remove', 'path': '/name'}]),
           403, 'Property name may not be removed.')
    _fault(_patch(images, admin, path, [{'op': 'remove', 'path': '/nope'}]),
           409, 'Property nope does not exist.')
    _fault(_patch(images, admin, path, [
        {'op': 'replace', 'path': '/status', 'value': 'active'}]),
        403, "Attribute 'status' is read-only.")
    _fault(_patch(images, admin, path, [
        {'op': 'add', 'path': '/os_glance_x', 'value': 'v'}]),
        403, "Attribute 'os_glance_x' is reserved.")
    _fault(_patch(images, admin, path, [
        {'op': 'replace', 'path': '/min_ram', 'value': -1}]),
        400, "Invalid value '-1' for parameter 'min_ram': Cannot be a "
        "negative value")
    _fault(_patch(images, admin, path, [
        {'op': 'replace', 'path': '/min_disk', 'value': 2 ** 31}]),
        400, "'min_disk' value out of range, must not exceed 2147483647.")
    mine = images.create(admin, headers=demo_headers)
    _fault(_patch(images, admin, mine['id'], [
        {'op': 'replace', 'path': '/owner', 'value': mine['owner']}],
        headers=demo_headers), 403, "Owner can't be updated by non admin.")


def test_patch_locations_as_glance_with_hidden_locations(
        admin, images, demo_headers):
    image = images.active(admin)
    loc = {'url': 'file:///x', 'metadata': {}}
    cases = [
        ([{'op': 'replace', 'path': '/locations', 'value': []}], None,
         'Cannot set locations to empty list.'),
        ([{'op': 'replace', 'path': '/locations', 'value': [loc]}], None,
         "It's not allowed to update locations if locations are "
         "invisible."),
        ([{'op': 'add', 'path': '/locations/-', 'value': loc}], None,
         "It's not allowed to add locations if locations are invisible."),
        ([{'op': 'remove', 'path': '/locations/0'}], None,
         "It's not allowed to remove locations if locations are "
         "invisible."),
    ]
    for ops, headers, message in cases:
        _fault(_patch(images, admin, image['id'], ops, headers=headers),
               403, message)
    resp = _patch(images, admin, image['id'], [
        {'op': 'add', 'path': '/locations/-', 'value': {'url': 5}}])
    assert resp.status_int == 400
    assert resp.json['message'].startswith(
        "Provided object does not match schema 'image': ")
    mine = images.active(admin, headers=demo_headers)
    _fault(_patch(images, admin, mine['id'], [
        {'op': 'remove', 'path': '/locations/0'}], headers=demo_headers),
        403, 'You are not authorized to complete delete_image_location '
        'action.')


def test_create_limits_and_domain_checks(admin, images):
    tags = ['t%d' % i for i in range(129)]
    _fault(admin.post(BASE, {'tags': tags}), 413,
           'The limit has been exceeded on the number of allowed image '
           'tags. Attempted: 129, Maximum: 128')
    props = {'p%d' % i: 'v' for i in range(129)}
    _fault(admin.post(BASE, props), 413,
           'The limit has been exceeded on the number of allowed image '
           'properties. Attempted: 129, Maximum: 128')
    _fault(admin.post(BASE, {'x' * 256: 'v'}), 400,
           'Custom property should not be greater than 255 characters.')
    _fault(admin.post(BASE, {'min_ram': -1}), 400,
           "Invalid value '-1' for parameter 'min_ram': Cannot be a "
           "negative value")
    _fault(admin.post(BASE, {'min_disk': 2 ** 31}), 400,
           "'min_disk' value out of range, must not exceed 2147483647.")
    _fault(admin.post(BASE, {'stores': 'x'}), 403,
           "Attribute 'stores' is read-only.")
    _fault(admin.post(BASE, {'locations': []}), 403,
           "Attribute 'locations' is reserved.")
    image = images.create(admin, tags=tags[:128])
    resp = _patch(images, admin, image['id'], [
        {'op': 'replace', 'path': '/tags', 'value': tags}])
    _fault(resp, 413, 'The limit has been exceeded on the number of '
           'allowed image tags. Attempted: 129, Maximum: 128')


def test_add_location_body_checked_with_glances_location_schema(admin,
                                                                images):
    queued = images.create(admin)
    path = '%s/%s/locations' % (BASE, queued['id'])
    prefix = "Provided object does not match schema 'location': "
    resp = admin.post(path, {})
    assert resp.status_int == 400
    assert resp.json['message'].startswith(
        prefix + "'url' is a required property")
    resp = admin.post(path, {'url': 'http://x/y', 'validation_data': {
        'os_hash_algo': 'sha512'}})
    assert resp.json['message'].startswith(
        prefix + "'os_hash_value' is a dependency of 'os_hash_algo'")
    resp = admin.post(path, {'url': 'http://x/y', 'validation_data': {
        'os_hash_algo': 'crc', 'os_hash_value': 'v'}})
    assert resp.json['message'].startswith(
        prefix + "'crc' is not one of ['sha1', 'sha256', 'sha512', 'md5']")
    resp = admin.post(path, raw=b'')
    _fault(resp, 400, 'Body expected in request.')


def test_size_cap_413_in_glances_words(admin, images):
    CONF.set_override('image_size_cap', 4, 'image')
    try:
        image = images.create(admin)
        resp = images.put_file(admin, image['id'], b'12345', headers=JSON)
        _fault(resp, 413, 'The incoming image is too large: The provided '
               'image is too large.')
        assert admin.get('%s/%s' % (BASE, image['id'])).json[
            'status'] == 'queued'
        resp = images.send(admin, 'PUT', '%s/%s/stage' % (BASE, image['id']),
                           b'12345', headers=JSON)
        _fault(resp, 413, 'The incoming image is too large: The provided '
               'image is too large.')
        assert admin.get('%s/%s' % (BASE, image['id'])).json[
            'status'] == 'queued'
        resp = images.send(admin, 'PUT', '%s/%s/stage' % (BASE, image['id']),
                           b'12345', chunked=True, headers=JSON)
        _fault(resp, 413, 'The incoming image is too large: The provided '
               'image is too large.')
    finally:
        CONF.clear_override('image_size_cap', 'image')


def test_patch_of_another_media_type_is_415_with_accept_patch(admin,
                                                              images):
    image = images.create(admin)
    resp = images.patch(admin, image['id'], [], headers=JSON,
                        content_type='application/json')
    _fault(resp, 415, 'The request media type application/json is not '
           'supported by this server.')
    assert resp.headers['Accept-Patch'] == (
        'application/openstack-images-v2.0-json-patch, '
        'application/openstack-images-v2.1-json-patch')
