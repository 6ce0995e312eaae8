"""Roles, grants and GET /v3/role_assignments."""
from support.identity import V3
from support.identity import as_token


def _grant_path(target, target_id, user_id, role_id=None):
    path = V3 + '/%s/%s/users/%s/roles' % (target, target_id, user_id)
    return path + ('/' + role_id if role_id else '')


def _ids(admin, demo):
    admin_user = admin.get(V3 + '/users?name=admin').json['users'][0]
    reader = admin.get(V3 + '/roles?name=reader').json['roles'][0]
    return admin_user['id'], reader['id']


def test_bootstrap_roles_listed(admin):
    body = admin.get(V3 + '/roles').json
    assert [r['name'] for r in body['roles']] == ['admin', 'manager',
                                                  'member', 'reader']
    role = body['roles'][0]
    assert role['domain_id'] is None and len(role['id']) == 32
    assert role['links']['self'].endswith('/v3/roles/' + role['id'])


def test_role_crud_and_name_lookup(admin):
    resp = admin.post(V3 + '/roles', {'role': {'name': 'observer',
                                               'options': {}}})
    assert resp.status_int == 201
    role = resp.json['role']
    assert admin.get(V3 + '/roles/observer').status_int == 404
    rows = admin.get(V3 + '/roles?name=observer').json['roles']
    assert [r['id'] for r in rows] == [role['id']]
    assert admin.get(V3 + '/roles?domain_id=default').json['roles'] == []
    assert admin.post(V3 + '/roles', {'role': {
        'name': 'observer'}}).status_int == 409
    resp = admin.request('PATCH', V3 + '/roles/' + role['id'],
                         {'role': {'description': 'looks'}})
    assert resp.json['role']['description'] == 'looks'
    assert admin.get(V3 + '/roles/' + role['id']).json['role'][
        'description'] == 'looks'
    assert admin.delete(V3 + '/roles/' + role['id']).status_int == 204
    resp = admin.get(V3 + '/roles/' + role['id'])
    assert resp.status_int == 404
    assert resp.json['error']['message'] == 'Could not find role: %s.' % \
        role['id']


def test_role_validation(admin):
    assert admin.post(V3 + '/roles', {'role': {}}).status_int == 400
    assert admin.post(V3 + '/roles', {'role': {
        'name': 'x', 'domain_id': 5}}).status_int == 400


def test_grant_lifecycle_on_project(admin, demo):
    admin_user, reader = _ids(admin, demo)
    path = _grant_path('projects', demo['project_id'], demo['user_id'],
                       reader)
    assert admin.get(path).status_int == 404
    assert admin.request('HEAD', path).status_int == 404
    assert admin.put(path).status_int == 204
    assert admin.put(path).status_int == 204  # idempotent
    assert admin.get(path).status_int == 204
    assert admin.request('HEAD', path).status_int == 204
    roles = admin.get(_grant_path('projects', demo['project_id'],
                                  demo['user_id'])).json['roles']
    assert [r['name'] for r in roles] == ['member', 'reader']
    assert admin.delete(path).status_int == 204
    resp = admin.delete(path)
    assert resp.status_int == 404
    assert 'Could not find role assignment' in resp.json['error']['message']


def test_grant_with_unknown_parties_is_404(admin, demo):
    _admin_user, reader = _ids(admin, demo)
    resp = admin.put(_grant_path('projects', 'nope', demo['user_id'],
                                 reader))
    assert resp.json['error']['message'] == 'Could not find project: nope.'
    resp = admin.put(_grant_path('projects', demo['project_id'], 'nope',
                                 reader))
    assert resp.json['error']['message'] == 'Could not find user: nope.'
    resp = admin.put(_grant_path('projects', demo['project_id'],
                                 demo['user_id'], 'nope'))
    assert resp.json['error']['message'] == 'Could not find role: nope.'
    assert admin.get(V3 + '/projects/%s/users/%s' % (
        demo['project_id'], demo['user_id'])).status_int == 404


def test_grant_on_domain(admin, demo):
    _admin_user, reader = _ids(admin, demo)
    path = _grant_path('domains', 'default', demo['user_id'], reader)
    assert admin.put(path).status_int == 204
    roles = admin.get(_grant_path('domains', 'default',
                                  demo['user_id'])).json['roles']
    assert [r['name'] for r in roles] == ['reader']
    assert admin.put(_grant_path('domains', 'nope', demo['user_id'],
                                 reader)).status_int == 404
    assert admin.delete(path).status_int == 204


def test_member_cannot_grant(admin, demo):
    _admin_user, reader = _ids(admin, demo)
    path = _grant_path('projects', demo['project_id'], demo['user_id'],
                       reader)
    assert admin.put(path, headers=as_token(demo['token'])).status_int == 403
    assert admin.get(V3 + '/roles',
                     headers=as_token(demo['token'])).status_int == 403


def test_role_assignments_shape_and_filters(admin, demo):
    admin_user, _reader = _ids(admin, demo)
    body = admin.get(V3 + '/role_assignments').json
    assert body['links']['next'] is None
    rows = body['role_assignments']
    # admin on project admin and on the system (bootstrap), demo's grant.
    assert len(rows) == 3
    entry = [r for r in rows if r['user']['id'] == demo['user_id']][0]
    assert entry == {
        'role': {'id': demo['member_role_id']},
        'user': {'id': demo['user_id']},
        'scope': {'project': {'id': demo['project_id']}},
        'links': {'assignment': 'http://localhost/identity/v3/projects/%s/'
                                'users/%s/roles/%s' % (
                                    demo['project_id'], demo['user_id'],
                                    demo['member_role_id'])}}
    only = admin.get(V3 + '/role_assignments?user.id=' + admin_user).json
    assert [r['user']['id'] for r in only['role_assignments']] == \
        [admin_user, admin_user]
    only = admin.get(V3 + '/role_assignments?scope.project.id=' +
                     demo['project_id']).json['role_assignments']
    assert [r['user']['id'] for r in only] == [demo['user_id']]
    only = admin.get(V3 + '/role_assignments?role.id=' +
                     demo['member_role_id']).json['role_assignments']
    assert [r['user']['id'] for r in only] == [demo['user_id']]
    assert admin.get(V3 + '/role_assignments?scope.domain.id=default').json[
        'role_assignments'] == []
    assert admin.get(V3 + '/role_assignments?group.id=g').json[
        'role_assignments'] == []
    effective = admin.get(V3 + '/role_assignments?effective=True&user.id=' +
                          demo['user_id']).json['role_assignments']
    # member implies reader (keystone's bootstrap).
    assert effective[0] == entry
    assert [e['role']['id'] for e in effective[1:]] == [
        admin.get(V3 + '/roles?name=reader').json['roles'][0]['id']]


def test_role_assignments_with_names(admin, demo):
    rows = admin.get(V3 + '/role_assignments?include_names=True&user.id=' +
                     demo['user_id']).json['role_assignments']
    assert rows[0]['role'] == {'id': demo['member_role_id'],
                               'name': 'member'}
    assert rows[0]['user'] == {'id': demo['user_id'], 'name': 'demo',
                               'domain': {'id': 'default',
                                          'name': 'Default'}}
    assert rows[0]['scope']['project'] == {
        'id': demo['project_id'], 'name': 'demo',
        'domain': {'id': 'default', 'name': 'Default'}}


def test_domain_assignment_names(admin, demo):
    _admin_user, reader = _ids(admin, demo)
    admin.put(_grant_path('domains', 'default', demo['user_id'], reader))
    rows = admin.get(V3 + '/role_assignments?scope.domain.id=default&'
                     'include_names').json['role_assignments']
    assert rows[0]['scope'] == {'domain': {'id': 'default',
                                           'name': 'Default'}}
    assert rows[0]['links']['assignment'].endswith(
        '/domains/default/users/%s/roles/%s' % (demo['user_id'], reader))


def test_role_assignments_reject_both_scopes_and_non_admin(admin, demo):
    assert admin.get(V3 + '/role_assignments?scope.project.id=a&'
                     'scope.domain.id=b').status_int == 400
    assert admin.get(V3 + '/role_assignments', headers=as_token(
        demo['token'])).status_int == 403


def test_deleting_a_role_removes_its_grants(admin, demo):
    admin.delete(V3 + '/roles/' + demo['member_role_id'])
    assert admin.get(V3 + '/role_assignments?user.id=' + demo['user_id']
                     ).json['role_assignments'] == []
