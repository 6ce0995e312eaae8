"""Projects, users and domains: CRUD, filters, conflicts, access."""
import pytest

from support.identity import DEMO_PASSWORD, V3
from support.identity import as_token, issue, password_auth


def _patch(client, path, body, **kw):
    return client.request('PATCH', V3 + path, body, **kw)


# --- projects ----------------------------------------------------------------

def test_project_crud(admin):
    resp = admin.post(V3 + '/projects', {'project': {
        'name': 'p1', 'description': 'first', 'tags': ['ignored']}})
    assert resp.status_int == 201
    project = resp.json['project']
    assert len(project['id']) == 32
    assert project['domain_id'] == 'default'
    assert project['parent_id'] == 'default'
    assert project['enabled'] is True and project['is_domain'] is False
    assert project['links']['self'] == \
        'http://localhost/identity/v3/projects/' + project['id']
    shown = admin.get(V3 + '/projects/' + project['id']).json['project']
    assert shown == project
    resp = _patch(admin, '/projects/' + project['id'], {'project': {
        'name': 'p1b', 'enabled': False}})
    assert resp.status_int == 200
    assert resp.json['project']['name'] == 'p1b'
    assert resp.json['project']['enabled'] is False
    assert admin.delete(V3 + '/projects/' + project['id']).status_int == 204
    resp = admin.get(V3 + '/projects/' + project['id'])
    assert resp.status_int == 404
    assert resp.json == {'error': {
        'code': 404, 'title': 'Not Found',
        'message': 'Could not find project: %s.' % project['id']}}


def test_project_name_lookup_like_osc(admin):
    admin.post(V3 + '/projects', {'project': {'name': 'p2'}})
    assert admin.get(V3 + '/projects/p2').status_int == 404
    found = admin.get(V3 + '/projects?name=p2&domain_id=default').json
    assert [p['name'] for p in found['projects']] == ['p2']
    assert found['links']['self'].endswith('/projects?name=p2&domain_id='
                                           'default')
    assert admin.get(V3 + '/projects?name=p2&domain_id=other').json[
        'projects'] == []
    names = [p['name'] for p in admin.get(V3 + '/projects').json['projects']]
    assert names == ['admin', 'p2']


def test_project_enabled_filter(admin):
    admin.post(V3 + '/projects', {'project': {'name': 'off',
                                              'enabled': False}})
    rows = admin.get(V3 + '/projects?enabled=false').json['projects']
    assert [p['name'] for p in rows] == ['off']
    rows = admin.get(V3 + '/projects?enabled=true').json['projects']
    assert [p['name'] for p in rows] == ['admin']
    assert admin.get(V3 + '/projects?enabled=maybe').status_int == 400


def test_duplicate_project_is_409(admin):
    admin.post(V3 + '/projects', {'project': {'name': 'dup'}})
    resp = admin.post(V3 + '/projects', {'project': {'name': 'dup'}})
    assert resp.status_int == 409
    assert resp.json['error']['title'] == 'Conflict'
    assert 'Duplicate entry found with name dup' in \
        resp.json['error']['message']
    other = admin.post(V3 + '/projects', {'project': {'name': 'dup2'}})
    resp = _patch(admin, '/projects/' + other.json['project']['id'],
                  {'project': {'name': 'dup'}})
    assert resp.status_int == 409


def test_same_project_name_in_another_domain_is_fine(admin):
    domain = admin.post(V3 + '/domains', {'domain': {
        'name': 'd2'}}).json['domain']
    resp = admin.post(V3 + '/projects', {'project': {
        'name': 'admin', 'domain_id': domain['id']}})
    assert resp.status_int == 201
    assert resp.json['project']['parent_id'] == domain['id']


@pytest.mark.parametrize('body,status', [
    ({'project': {}}, 400),
    ({'project': {'name': ''}}, 400),
    ({'project': {'name': '   '}}, 400),
    ({'project': {'name': 'x' * 65}}, 400),
    ({'project': {'name': 'x', 'enabled': 'yes'}}, 400),
    ({'project': {'name': 'x', 'parent_id': 'someproject'}}, 400),
    ({'project': {'name': 'x', 'domain_id': 'nope'}}, 404),
    ({'name': 'x'}, 400),
])
def test_project_create_validation(admin, body, status):
    assert admin.post(V3 + '/projects', body).status_int == status


def test_project_update_validation(admin):
    project = admin.get(V3 + '/projects?name=admin').json['projects'][0]
    path = '/projects/' + project['id']
    assert _patch(admin, path, {'project': {}}).status_int == 400
    resp = _patch(admin, path, {'project': {'domain_id': 'other'}})
    assert resp.status_int == 400
    assert 'Cannot change Domain ID' in resp.json['error']['message']
    assert _patch(admin, '/projects/nope',
                  {'project': {'name': 'x'}}).status_int == 404


def test_member_sees_own_project_but_no_admin_api(admin, demo):
    headers = as_token(demo['token'])
    resp = admin.get(V3 + '/projects/' + demo['project_id'], headers=headers)
    assert resp.status_int == 200
    admin_project = admin.get(V3 + '/projects?name=admin').json[
        'projects'][0]
    resp = admin.get(V3 + '/projects/' + admin_project['id'],
                     headers=headers)
    assert resp.status_int == 403
    assert admin.get(V3 + '/projects/nope', headers=headers).status_int == \
        404
    resp = admin.post(V3 + '/projects', {'project': {'name': 'x'}},
                      headers=headers)
    assert resp.status_int == 403
    assert resp.json['error']['message'] == (
        'You are not authorized to perform the requested action: '
        'identity:create_project.')
    assert admin.get(V3 + '/projects', headers=headers).status_int == 403
    assert admin.delete(V3 + '/projects/' + demo['project_id'],
                        headers=headers).status_int == 403


def test_anonymous_gets_401(boot, client):
    resp = client.get(V3 + '/projects')
    assert resp.status_int == 401
    assert resp.json['error']['title'] == 'Unauthorized'


def test_deleting_a_project_removes_its_grants(admin, demo):
    admin.delete(V3 + '/projects/' + demo['project_id'])
    rows = admin.get(V3 + '/role_assignments?user.id=' +
                     demo['user_id']).json['role_assignments']
    assert rows == []


# --- users -------------------------------------------------------------------

def test_user_crud(admin, demo):
    resp = admin.post(V3 + '/users', {'user': {
        'name': 'u1', 'password': 'pw', 'email': 'u1@example.com',
        'description': 'someone', 'default_project_id': demo['project_id'],
        'options': {}}})
    assert resp.status_int == 201
    user = resp.json['user']
    assert 'password' not in user and 'password_hash' not in user
    assert user['domain_id'] == 'default' and user['enabled'] is True
    assert user['email'] == 'u1@example.com'
    assert user['default_project_id'] == demo['project_id']
    assert user['password_expires_at'] is None
    assert admin.get(V3 + '/users/' + user['id']).json['user'] == user
    resp = _patch(admin, '/users/' + user['id'], {'user': {
        'email': 'new@example.com', 'enabled': False}})
    assert resp.json['user']['email'] == 'new@example.com'
    assert resp.json['user']['enabled'] is False
    assert admin.delete(V3 + '/users/' + user['id']).status_int == 204
    assert admin.get(V3 + '/users/' + user['id']).status_int == 404


def test_user_without_optional_fields_omits_them(admin):
    user = admin.post(V3 + '/users', {'user': {'name': 'bare'}}).json['user']
    for key in ('email', 'description', 'default_project_id'):
        assert key not in user


def test_user_filters_and_name_lookup(admin, demo):
    assert admin.get(V3 + '/users/demo').status_int == 404
    rows = admin.get(V3 + '/users?name=demo&domain_id=default').json
    assert [u['id'] for u in rows['users']] == [demo['user_id']]
    names = [u['name'] for u in admin.get(V3 + '/users').json['users']]
    assert names == ['admin', 'demo']
    _patch(admin, '/users/' + demo['user_id'], {'user': {'enabled': False}})
    rows = admin.get(V3 + '/users?enabled=false').json['users']
    assert [u['name'] for u in rows] == ['demo']


def test_duplicate_user_is_409(admin, demo):
    resp = admin.post(V3 + '/users', {'user': {'name': 'demo'}})
    assert resp.status_int == 409


def test_user_may_read_self_only(admin, demo):
    headers = as_token(demo['token'])
    resp = admin.get(V3 + '/users/' + demo['user_id'], headers=headers)
    assert resp.status_int == 200
    assert resp.json['user']['name'] == 'demo'
    admin_user = admin.get(V3 + '/users?name=admin').json['users'][0]
    assert admin.get(V3 + '/users/' + admin_user['id'],
                     headers=headers).status_int == 403
    assert admin.get(V3 + '/users', headers=headers).status_int == 403
    assert _patch(admin, '/users/' + demo['user_id'], {'user': {
        'enabled': True}}, headers=headers).status_int == 403


def test_user_projects(admin, demo):
    headers = as_token(demo['token'])
    path = V3 + '/users/%s/projects' % demo['user_id']
    for caller in (headers, {}):
        body = admin.get(path, headers=caller).json
        assert [p['id'] for p in body['projects']] == [demo['project_id']]
    admin_user = admin.get(V3 + '/users?name=admin').json['users'][0]
    assert admin.get(V3 + '/users/%s/projects' % admin_user['id'],
                     headers=headers).status_int == 403
    assert admin.get(V3 + '/users/nope/projects').status_int == 404


def test_deleted_user_cannot_authenticate(admin, demo):
    admin.delete(V3 + '/users/' + demo['user_id'])
    assert issue(admin, password_auth('demo', DEMO_PASSWORD,
                                      'demo')).status_int == 401


# --- domains -----------------------------------------------------------------

def test_default_domain_exists(admin):
    body = admin.get(V3 + '/domains/default').json['domain']
    assert body['name'] == 'Default' and body['enabled'] is True
    rows = admin.get(V3 + '/domains?name=Default').json['domains']
    assert [d['id'] for d in rows] == ['default']


def test_domain_lifecycle(admin):
    resp = admin.post(V3 + '/domains', {'domain': {'name': 'd1',
                                                   'description': 'one'}})
    assert resp.status_int == 201
    domain = resp.json['domain']
    assert admin.post(V3 + '/domains', {'domain': {
        'name': 'd1'}}).status_int == 409
    project = admin.post(V3 + '/projects', {'project': {
        'name': 'inside', 'domain_id': domain['id']}}).json['project']
    user = admin.post(V3 + '/users', {'user': {
        'name': 'inside', 'domain_id': domain['id']}}).json['user']
    # Keystone refuses to delete an enabled domain.
    resp = admin.delete(V3 + '/domains/' + domain['id'])
    assert resp.status_int == 403
    assert 'disable it first' in resp.json['error']['message']
    resp = _patch(admin, '/domains/' + domain['id'],
                  {'domain': {'enabled': False}})
    assert resp.status_int == 200 and resp.json['domain']['enabled'] is False
    assert admin.delete(V3 + '/domains/' + domain['id']).status_int == 204
    assert admin.get(V3 + '/domains/' + domain['id']).status_int == 404
    assert admin.get(V3 + '/projects/' + project['id']).status_int == 404
    assert admin.get(V3 + '/users/' + user['id']).status_int == 404


def test_default_domain_cannot_be_disabled(admin):
    resp = _patch(admin, '/domains/default', {'domain': {'enabled': False}})
    assert resp.status_int == 403


def test_disabled_domain_blocks_its_users(admin):
    domain = admin.post(V3 + '/domains', {'domain': {
        'name': 'd3'}}).json['domain']
    project = admin.post(V3 + '/projects', {'project': {
        'name': 'p', 'domain_id': domain['id']}}).json['project']
    user = admin.post(V3 + '/users', {'user': {
        'name': 'u', 'domain_id': domain['id'],
        'password': 'pw'}}).json['user']
    member = admin.get(V3 + '/roles?name=member').json['roles'][0]
    admin.put(V3 + '/projects/%s/users/%s/roles/%s' % (
        project['id'], user['id'], member['id']))
    body = password_auth('u', 'pw', 'p', domain='d3')
    assert issue(admin, body).status_int == 201
    _patch(admin, '/domains/' + domain['id'], {'domain': {'enabled': False}})
    assert issue(admin, body).status_int == 401


def test_member_reads_own_domain_only(admin, demo):
    headers = as_token(demo['token'])
    assert admin.get(V3 + '/domains/default',
                     headers=headers).status_int == 200
    assert admin.get(V3 + '/domains', headers=headers).status_int == 403
    assert admin.post(V3 + '/domains', {'domain': {'name': 'x'}},
                      headers=headers).status_int == 403
