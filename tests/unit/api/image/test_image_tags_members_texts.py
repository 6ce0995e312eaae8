"""Tags and members as glance words its answers: 'Image ... not found.',
policy refusals naming the rule, duplicate and missing members, the
member and tag quotas (413) and body refusals."""
import pytest

from stratus.common.conf import CONF

BASE = '/image/v2/images'
JSON = {'Accept': 'application/json'}


def _fault(resp, status, message):
    assert resp.status_int == status, resp.text
    assert resp.json['message'] == message


def _tag(images, client, image_id, tag, method='PUT', headers=None):
    return images.send(client, method, '%s/%s/tags/%s' % (BASE, image_id,
                                                          tag),
                       headers=dict(JSON, **(headers or {})))


def test_tag_answers(admin, images, demo_headers):
    image = images.create(admin, visibility='public')
    resp = _tag(images, admin, image['id'], 'x' * 256)
    assert resp.status_int == 400
    assert resp.json['message'].startswith(
        "Provided object does not match schema 'image': ")
    _fault(_tag(images, admin, 'nope', 't'), 404, 'Image nope not found.')
    _fault(_tag(images, admin, image['id'], 't', headers=demo_headers), 403,
           'You are not authorized to complete modify_image action.')
    _fault(_tag(images, admin, image['id'], 'absent', 'DELETE'), 404,
           'The resource could not be found.')
    assert _tag(images, admin, image['id'], 't').status_int == 204
    assert _tag(images, admin, image['id'], 't').status_int == 204
    assert _tag(images, admin, image['id'], 't', 'DELETE').status_int == 204


def test_tag_quota(admin, images):
    CONF.set_override('image_tag_quota', 2, 'image')
    try:
        image = images.create(admin, tags=['a', 'b'])
        _fault(_tag(images, admin, image['id'], 'c'), 413,
               'Image tag limit exceeded for image %s: The limit has been '
               'exceeded on the number of allowed image tags. Attempted: '
               '3, Maximum: 2:' % image['id'])
        # A tag it already has is no new tag.
        assert _tag(images, admin, image['id'], 'a').status_int == 204
    finally:
        CONF.clear_override('image_tag_quota', 'image')


def _members(image_id):
    return '%s/%s/members' % (BASE, image_id)


@pytest.mark.parametrize('body,message', [
    ({'nope': 'x'}, 'Member to be added not specified'),
    ({'member': ''}, "Member can't be empty"),
    (['x'], 'Expected a member in the form: {"member": "image_id"}'),
])
def test_member_create_body_refusals(admin, images, body, message):
    image = images.create(admin)
    _fault(admin.post(_members(image['id']), body), 400, message)


def test_member_answers(admin, images, demo, demo_headers):
    image = images.create(admin, visibility='shared')
    members = _members(image['id'])
    _fault(admin.post(_members('nope'), {'member': 'x'}), 404,
           'Image nope not found.')
    assert admin.post(members, {'member': demo['project_id']}
                      ).status_int == 200
    _fault(admin.post(members, {'member': demo['project_id']}), 409,
           'Member %s is duplicated for image %s' % (demo['project_id'],
                                                     image['id']))
    mine = '%s/%s' % (members, demo['project_id'])
    _fault(admin.put(mine, {'nope': 1}), 400, 'Status not specified')
    _fault(admin.put(members + '/other', {'status': 'accepted'}), 404,
           'other not found in the member list of the image %s.'
           % image['id'])
    _fault(admin.put(mine, {'status': 'maybe'}, headers=demo_headers), 400,
           'Incorrect request: Status must be "pending", "accepted" or '
           '"rejected".')
    assert admin.put(mine, {'status': 'accepted'}, headers=demo_headers
                     ).status_int == 200
    _fault(admin.delete(mine, headers=demo_headers), 403,
           'You are not authorized to complete delete_member action.')
    _fault(admin.delete(members + '/other'), 404,
           'other not found in the member list of the image %s.'
           % image['id'])
    assert admin.delete(mine).status_int == 204


def test_member_quota(admin, images):
    CONF.set_override('image_member_quota', 1, 'image')
    try:
        image = images.create(admin, visibility='shared')
        assert admin.post(_members(image['id']), {'member': 'p1'}
                          ).status_int == 200
        _fault(admin.post(_members(image['id']), {'member': 'p2'}), 413,
               'Image member limit exceeded for image %s: The limit has '
               'been exceeded on the number of allowed image members for '
               'this image. Attempted: 2, Maximum: 1:' % image['id'])
    finally:
        CONF.clear_override('image_member_quota', 'image')


def test_create_for_another_owner_and_public(admin, images, demo_headers):
    _fault(admin.post(BASE, {'owner': 'other', 'visibility': 'public'},
                      headers=demo_headers), 403,
           "You are not permitted to create images owned by 'other'")
    _fault(admin.post(BASE, {'visibility': 'public'}, headers=demo_headers),
           403, 'You are not authorized to complete publicize_image action.')
