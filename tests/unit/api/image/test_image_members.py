"""Members of shared images: the owner offers, the member accepts or
rejects, each sees what it should."""
import pytest

BASE = '/image/v2/images'


@pytest.fixture
def shared(admin, images):
    return images.create(admin, visibility='shared')


def _members(image):
    return '%s/%s/members' % (BASE, image['id'])


def test_owner_adds_a_member_pending(admin, shared, demo):
    resp = admin.post(_members(shared), {'member': demo['project_id']})
    assert resp.status_int == 200, resp.text
    body = resp.json
    assert body['status'] == 'pending' and body['image_id'] == shared['id']
    assert body['member_id'] == demo['project_id']
    assert body['schema'] == '/v2/schemas/member'
    assert body['created_at'].endswith('Z')
    listed = admin.get(_members(shared)).json
    assert listed['schema'] == '/v2/schemas/members'
    assert [m['member_id'] for m in listed['members']] == [demo['project_id']]
    again = admin.post(_members(shared), {'member': demo['project_id']})
    assert again.status_int == 409


def test_member_sees_the_image_and_decides(admin, shared, demo,
                                           demo_headers):
    path = '%s/%s' % (BASE, shared['id'])
    assert admin.get(path, headers=demo_headers).status_int == 404
    admin.post(_members(shared), {'member': demo['project_id']})
    assert admin.get(path, headers=demo_headers).status_int == 200
    member = '%s/%s' % (_members(shared), demo['project_id'])
    # Admins may set a member's status; the member decides for itself.
    assert admin.put(member, {'status': 'accepted'}).status_int == 200
    resp = admin.put(member, {'status': 'rejected'}, headers=demo_headers)
    assert resp.status_int == 200 and resp.json['status'] == 'rejected'
    assert admin.get(member, headers=demo_headers).json['status'] == \
        'rejected'
    resp = admin.put(member, {'status': 'maybe'}, headers=demo_headers)
    assert resp.status_int == 400
    # The member may not remove itself or add others.
    assert admin.delete(member, headers=demo_headers).status_int == 403
    resp = admin.post(_members(shared), {'member': 'x'},
                      headers=demo_headers)
    assert resp.status_int == 403


def test_owner_member_cannot_set_status(admin, images, demo, demo_headers):
    image = images.create(admin, visibility='shared', headers=demo_headers)
    admin.post(_members(image), {'member': 'other-project'},
               headers=demo_headers)
    resp = admin.put('%s/other-project' % _members(image),
                     {'status': 'accepted'}, headers=demo_headers)
    assert resp.status_int == 403


def test_member_lists_only_itself(admin, shared, demo, demo_headers):
    admin.post(_members(shared), {'member': 'someone'})
    admin.post(_members(shared), {'member': demo['project_id']})
    listed = admin.get(_members(shared), headers=demo_headers).json
    assert [m['member_id'] for m in listed['members']] == [demo['project_id']]
    resp = admin.get('%s/someone' % _members(shared), headers=demo_headers)
    assert resp.status_int == 404


def test_remove_member(admin, shared, demo, demo_headers):
    admin.post(_members(shared), {'member': demo['project_id']})
    member = '%s/%s' % (_members(shared), demo['project_id'])
    assert admin.delete(member).status_int == 204
    assert admin.delete(member).status_int == 404
    assert admin.get('%s/%s' % (BASE, shared['id']),
                     headers=demo_headers).status_int == 404


def test_only_shared_images_have_members(admin, images):
    private = images.create(admin, visibility='private')
    resp = admin.post(_members(private), {'member': 'x'})
    # glance words the refusal per operation.
    assert resp.status_int == 403
    assert resp.json['message'] == 'Not allowed to create members for ' \
        'image %s.' % private['id']
    resp = admin.get(_members(private))
    assert resp.status_int == 403
    assert resp.json['message'] == 'Not allowed to list members for ' \
        'image %s: Only shared images have members.' % private['id']
    resp = admin.get(_members(private) + '/x')
    assert resp.status_int == 404
    assert resp.json['message'] == 'Only shared images have members.'


def test_bad_member_body(admin, shared):
    assert admin.post(_members(shared), {'nope': 'x'}).status_int == 400
    assert admin.post(_members(shared), {'member': ''}).status_int == 400


def test_sdk_member_update_body(admin, shared, demo, demo_headers):
    # openstacksdk sends the member id along with the status.
    admin.post(_members(shared), {'member': demo['project_id']})
    resp = admin.put('%s/%s' % (_members(shared), demo['project_id']),
                     {'status': 'accepted', 'member': demo['project_id']},
                     headers=demo_headers)
    assert resp.status_int == 200 and resp.json['status'] == 'accepted'
