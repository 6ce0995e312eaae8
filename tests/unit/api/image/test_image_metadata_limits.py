"""glance's image_property_quota on PATCH (only a change that adds a
property is counted, as glance's added_new_properties), property names
past 255 characters, and bodies with many properties or tags refused
before anything is written."""
import pytest

from stratus.common.conf import CONF

BASE = '/image/v2/images'
JSON = {'Accept': 'application/json'}


def _fault(resp, status, message):
    assert resp.status_int == status, resp.text
    assert resp.json['message'] == message


def _limit(what, attempted, maximum):
    return ('The limit has been exceeded on the number of allowed image '
            '%s. Attempted: %d, Maximum: %d' % (what, attempted, maximum))


@pytest.fixture
def property_quota():
    yield lambda n: CONF.set_override('image_property_quota', n, 'image')
    CONF.clear_override('image_property_quota', 'image')


def _add(name, value='v'):
    return {'op': 'add', 'path': '/' + name, 'value': value}


def _props(admin, image_id):
    body = admin.get('%s/%s' % (BASE, image_id)).json
    return {k: v for k, v in body.items()
            if k.startswith('p') and k != 'protected'}


def test_patch_adding_past_the_property_quota(admin, images,
                                              property_quota):
    property_quota(2)
    image = images.create(admin, p1='a', p2='b')
    resp = images.patch(admin, image['id'], [_add('p3')], headers=JSON)
    _fault(resp, 413, _limit('properties', 3, 2))
    assert _props(admin, image['id']) == {'p1': 'a', 'p2': 'b'}
    # Replacing, or adding one while removing one, adds nothing net.
    resp = images.patch(admin, image['id'], [
        {'op': 'replace', 'path': '/p1', 'value': 'c'},
        {'op': 'remove', 'path': '/p2'}, _add('p3')])
    assert resp.status_int == 200, resp.text
    assert _props(admin, image['id']) == {'p1': 'c', 'p3': 'v'}


def test_an_image_over_a_lowered_quota_may_change_but_not_grow(
        admin, images, property_quota):
    image = images.create(admin, p1='a', p2='b', p3='c')
    property_quota(1)
    resp = images.patch(admin, image['id'], [
        {'op': 'replace', 'path': '/p1', 'value': 'z'}])
    assert resp.status_int == 200, resp.text
    resp = images.patch(admin, image['id'], [
        {'op': 'remove', 'path': '/p1'}, _add('p4')], headers=JSON)
    _fault(resp, 413, _limit('properties', 3, 1))
    assert _props(admin, image['id']) == {'p1': 'z', 'p2': 'b', 'p3': 'c'}


def test_many_properties_in_one_body_write_nothing(admin, images):
    before = len(admin.get(BASE).json['images'])
    props = {'p%04d' % i: '' for i in range(5000)}
    _fault(admin.post(BASE, dict(props, name='many'), headers=JSON), 413,
           _limit('properties', 5000, 128))
    assert len(admin.get(BASE).json['images']) == before
    image = images.create(admin)
    # 2,000 add operations stay under max_request_body_size.
    resp = images.patch(admin, image['id'], [_add(k) for k in props][:2000],
                        headers=JSON)
    _fault(resp, 413, _limit('properties', 2000, 128))
    assert _props(admin, image['id']) == {}
    tags = ['t%04d' % i for i in range(5000)]
    _fault(admin.post(BASE, {'name': 'tags', 'tags': tags}, headers=JSON),
           413, _limit('tags', 5000, 128))
    resp = images.patch(admin, image['id'], [
        {'op': 'replace', 'path': '/tags', 'value': tags}], headers=JSON)
    _fault(resp, 413, _limit('tags', 5000, 128))
    assert admin.get('%s/%s' % (BASE, image['id'])).json['tags'] == []


def test_property_names_past_255_characters(admin, images):
    message = 'Custom property should not be greater than 255 characters.'
    _fault(admin.post(BASE, {'p' * 256: 'v'}, headers=JSON), 400, message)
    image = images.create(admin)
    resp = images.patch(admin, image['id'], [_add('p' * 256)], headers=JSON)
    _fault(resp, 400, message)
    assert _props(admin, image['id']) == {}
    resp = images.patch(admin, image['id'], [_add('p' * 255)])
    assert resp.status_int == 200, resp.text
    assert _props(admin, image['id']) == {'p' * 255: 'v'}
