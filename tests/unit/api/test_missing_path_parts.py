"""A path that lacks a part its handler needs (issue 15, item 2) answers as
the upstream router does: nova and cinder 404, glance 405 with the verbs
of that path in Allow (404 when the path has none), keystone 405; never a
500. Path arguments come from the path only, never from a query string or
a body key of the same name."""
import uuid

import pytest

from support import schemas
from support.identity import V3, keystone_error

UUID = str(uuid.uuid4())


def _project(admin):
    return admin.get(V3 + '/auth/projects').json['projects'][0]['id']


@pytest.mark.parametrize('method,path', [
    ('DELETE', '/compute/v2.1/servers/%s/metadata' % UUID),
    ('DELETE', '/compute/v2.1/servers'),
    ('PUT', '/compute/v2.1/servers'),
    ('PATCH', '/compute/v2.1/servers'),
    ('PUT', '/compute/v2.1/flavors'),
    ('DELETE', '/compute/v2.1/os-keypairs'),
    ('DELETE', '/compute/v2.1/servers/%s/tags/' % UUID),
])
def test_compute_answers_nova_404(admin, method, path):
    resp = admin.request(method, path)
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'The resource could not be found.'


@pytest.mark.parametrize('method,path', [
    ('PUT', '/types/%s/extra_specs' % UUID),
    ('DELETE', '/types/%s/extra_specs' % UUID),
    ('DELETE', '/volumes/%s/metadata' % UUID),
    ('DELETE', '/volumes'),
])
def test_volume_answers_cinder_404(admin, method, path):
    resp = admin.request(method, '/volume/v3/%s%s' % (_project(admin),
                                                      path))
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'The resource could not be found.'


@pytest.mark.parametrize('method,path,allow', [
    ('PUT', '/image/v2/images/%s/members' % UUID, 'GET, POST'),
    ('DELETE', '/image/v2/images/%s/members' % UUID, 'GET, POST'),
    ('PATCH', '/image/v2/images', 'GET, POST'),
    ('DELETE', '/image/v2/images', 'GET, POST'),
    # A path one part too long for the verb: glance's /images/{id} route.
    ('POST', '/image/v2/images/%s' % UUID, 'GET, PATCH, DELETE'),
])
def test_image_answers_glance_405_with_allow(admin, method, path, allow):
    resp = admin.request(method, path)
    assert resp.status_int == 405
    assert resp.headers['Allow'] == allow
    assert resp.json == {
        'code': '405 Method Not Allowed', 'title': 'Method Not Allowed',
        'message': 'The method %s is not allowed for this resource.' %
        method}


def test_image_path_without_any_verb_is_404(admin):
    resp = admin.request('PUT', '/image/v2/images/%s/tags' % UUID)
    assert resp.status_int == 404
    assert resp.json['message'] == 'The resource could not be found.'


def test_identity_answers_keystone_405(admin):
    resp = admin.request('DELETE', V3 + '/users')
    keystone_error(resp, 405)


def test_path_argument_never_comes_from_the_query(admin):
    """`DELETE /servers?server_id=<id>` must not reach delete(server_id)."""
    flavor = admin.get('/compute/v2.1/flavors').json['flavors']
    resp = admin.request('DELETE', '/compute/v2.1/flavors?flavor_id=%s' % (
        flavor[0]['id'] if flavor else '1'))
    assert schemas.check_fault(resp, 404, 'itemNotFound')
    resp = admin.request('DELETE', V3 + '/projects?project_id=%s' % (
        _project(admin)))
    assert resp.status_int == 405
    assert admin.get(V3 + '/projects/%s' % _project(admin)).status_int \
        == 200


def test_path_argument_never_comes_from_a_body_key(admin):
    resp = admin.request('DELETE', '/image/v2/images', body={
        'image_id': UUID})
    assert resp.status_int == 405
    resp = admin.request('PUT', '/compute/v2.1/servers', body={
        'server_id': UUID, 'server': {'name': 'x'}})
    assert schemas.check_fault(resp, 404, 'itemNotFound')
