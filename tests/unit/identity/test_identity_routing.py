"""Odd paths and verbs get keystone-style 4xx answers, never a 500."""
import pytest

from support.identity import V3


@pytest.mark.parametrize('method,path,status', [
    ('PUT', '/projects', 405),
    ('DELETE', '/projects', 405),
    ('PATCH', '/projects/', 405),
    ('DELETE', '/projects/a/b', 404),
    ('GET', '/projects/__class__', 404),
    ('GET', '/projects/users', 404),
    ('GET', '/projects/x/users', 404),
    ('GET', '/users/projects', 404),
    ('GET', '/users/x/password', 405),
    ('POST', '/auth/catalog', 405),
    ('PUT', '/regions', 405),
    ('GET', '/nonexistent/deeper', 404),
    ('PUT', '/groups', 405),
    ('GET', '/groups/x/users/y/z', 404),
    ('GET', '/projects/x/groups', 404),
    ('GET', '/roles/x/implies/y/z', 404),
    ('POST', '/role_inferences', 405),
    ('GET', '/system', 404),
    ('GET', '/system/users', 404),
    ('GET', '/system/users/x', 404),
    ('GET', '/system/users/x/roles/r/z', 404),
    ('POST', '/system/users/x/roles', 405),
    ('POST', '/auth/system', 405),
    ('PATCH', '/limits/model', 405),
    ('PUT', '/registered_limits', 405),
    ('GET', '/limits/x/y', 404),
    ('PUT', '/credentials', 405),
    ('GET', '/credentials/x/y', 404),
    ('GET', '/projects/x/tags/a/b', 404),
    ('POST', '/projects/x/tags', 405),
    ('GET', '/OS-INHERIT', 404),
    ('GET', '/OS-INHERIT/domains/d/users/u/roles/r/x', 404),
])
def test_odd_requests(admin, method, path, status):
    resp = admin.request(method, V3 + path,
                         body={} if method in ('PUT', 'PATCH') else None)
    assert resp.status_int == status
    assert resp.json['error']['code'] == status


def test_401_names_keystone(boot, client):
    resp = client.get(V3 + '/users')
    assert resp.headers['WWW-Authenticate'] == \
        'Keystone uri="http://localhost/identity"'
