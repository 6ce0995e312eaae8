"""Groups: CRUD, membership, group grants, effective role assignments and
tokens carrying group roles (keystone v3 facts; keystone ships no response
schemas to tempest, so exact key sets from its API reference samples)."""
from support.identity import DEMO_PASSWORD, V3, as_token, token_for
from support.identity import keystone_error as _error
from stratus.db.api import tokens

GROUP_KEYS = {'id', 'name', 'domain_id', 'description', 'links'}
LIST_LINKS = {'self', 'previous', 'next'}


def _group(admin, name='devs', **extra):
    body = {'group': dict({'name': name}, **extra)}
    resp = admin.post(V3 + '/groups', body)
    assert resp.status_int == 201, resp.text
    return resp.json['group']


def _role_id(admin, name):
    return admin.get(V3 + '/roles?name=' + name).json['roles'][0]['id']


def test_group_crud_shapes(admin):
    group = _group(admin, description='Contract developers')
    assert set(group) == GROUP_KEYS
    assert group['domain_id'] == 'default'
    assert group['description'] == 'Contract developers'
    assert group['links']['self'].endswith('/identity/v3/groups/' +
                                           group['id'])
    assert len(group['id']) == 32
    shown = admin.get(V3 + '/groups/' + group['id'])
    assert shown.status_int == 200 and shown.json == {'group': group}
    listing = admin.get(V3 + '/groups').json
    assert set(listing) == {'groups', 'links'}
    assert set(listing['links']) == LIST_LINKS
    assert listing['groups'] == [group]
    resp = admin.request('PATCH', V3 + '/groups/' + group['id'],
                         {'group': {'name': 'devs2', 'description': None}})
    assert resp.status_int == 200
    assert resp.json['group']['name'] == 'devs2'
    assert resp.json['group']['description'] is None
    assert admin.delete(V3 + '/groups/' + group['id']).status_int == 204
    _error(admin.get(V3 + '/groups/' + group['id']), 404,
           'Could not find group: %s.' % group['id'])


def test_group_description_defaults_to_empty_and_extras_kept(admin):
    group = _group(admin, team='storage')
    assert group['description'] == ''
    assert group['team'] == 'storage'
    assert admin.get(V3 + '/groups/' + group['id']).json['group'][
        'team'] == 'storage'


def test_group_filters_and_unique_names_per_domain(admin):
    admin.post(V3 + '/domains', {'domain': {'name': 'other',
                                            'enabled': True}})
    other = admin.get(V3 + '/domains?name=other').json['domains'][0]
    first = _group(admin, 'ops')
    second = _group(admin, 'ops', domain_id=other['id'])
    _group(admin, 'qa')
    _error(admin.post(V3 + '/groups', {'group': {'name': 'ops'}}), 409,
           'Conflict occurred attempting to store group - Duplicate entry '
           'found with name ops at domain ID default.')
    names = admin.get(V3 + '/groups?name=ops').json['groups']
    assert {g['id'] for g in names} == {first['id'], second['id']}
    in_other = admin.get(V3 + '/groups?domain_id=' + other['id']).json
    assert [g['id'] for g in in_other['groups']] == [second['id']]


def test_group_validation_and_unknowns(admin):
    _error(admin.post(V3 + '/groups', {'group': {}}), 400)
    _error(admin.post(V3 + '/groups', {'group': {'name': 5}}), 400)
    _error(admin.post(V3 + '/groups', {'group': {
        'name': 'x', 'domain_id': 'nope'}}), 404,
        'Could not find domain: nope.')
    group = _group(admin)
    _error(admin.request('PATCH', V3 + '/groups/' + group['id'],
                         {'group': {}}), 400)
    _error(admin.request('PATCH', V3 + '/groups/' + group['id'],
                         {'group': {'domain_id': 'other'}}), 400,
           'Cannot change Domain ID')
    _error(admin.delete(V3 + '/groups/nope'), 404,
           'Could not find group: nope.')


def test_membership(admin, demo):
    group = _group(admin)
    path = V3 + '/groups/%s/users/%s' % (group['id'], demo['user_id'])
    missing = "User '%s' not found in group '%s'" % (demo['user_id'],
                                                    group['id'])
    _error(admin.get(path), 404, missing)
    assert admin.request('HEAD', path).status_int == 404
    assert admin.put(path).status_int == 204
    assert admin.put(path).status_int == 204  # idempotent
    assert admin.get(path).status_int == 204
    assert admin.request('HEAD', path).status_int == 204
    users = admin.get(V3 + '/groups/%s/users' % group['id']).json
    assert set(users) == {'users', 'links'}
    assert [u['id'] for u in users['users']] == [demo['user_id']]
    assert users['links']['self'].endswith('/groups/%s/users' % group['id'])
    assert admin.get(V3 + '/groups/%s/users?name=nobody' % group['id']).json[
        'users'] == []
    groups = admin.get(V3 + '/users/%s/groups' % demo['user_id']).json
    assert set(groups) == {'groups', 'links'}
    assert groups['groups'] == [dict(group, membership_expires_at=None)]
    # A user may list their own groups.
    own = admin.get(V3 + '/users/%s/groups' % demo['user_id'],
                    headers=as_token(demo['token']))
    assert own.status_int == 200
    assert admin.delete(path).status_int == 204
    _error(admin.delete(path), 404, missing)
    _error(admin.put(V3 + '/groups/%s/users/nope' % group['id']), 404,
           'Could not find user: nope.')
    _error(admin.put(V3 + '/groups/nope/users/' + demo['user_id']), 404,
           'Could not find group: nope.')
    _error(admin.get(V3 + '/groups/nope/users'), 404,
           'Could not find group: nope.')
    _error(admin.get(V3 + '/users/nope/groups'), 404,
           'Could not find user: nope.')


def test_member_cannot_manage_groups(admin, demo):
    group = _group(admin)
    headers = as_token(demo['token'])
    for method, path in (('GET', '/groups'), ('POST', '/groups'),
                         ('GET', '/groups/' + group['id']),
                         ('DELETE', '/groups/' + group['id']),
                         ('PUT', '/groups/%s/users/%s' % (
                             group['id'], demo['user_id']))):
        body = {'group': {'name': 'x'}} if method == 'POST' else None
        resp = admin.request(method, V3 + path, body, headers=headers)
        _error(resp, 403)
        assert resp.json['error']['message'].startswith(
            'You are not authorized to perform the requested action: '
            'identity:')


def test_group_grants_on_project_and_domain(admin, demo):
    group = _group(admin)
    reader = _role_id(admin, 'reader')
    base = V3 + '/projects/%s/groups/%s/roles' % (demo['project_id'],
                                                  group['id'])
    _error(admin.get(base + '/' + reader), 404)
    assert admin.put(base + '/' + reader).status_int == 204
    assert admin.get(base + '/' + reader).status_int == 204
    assert admin.request('HEAD', base + '/' + reader).status_int == 204
    roles = admin.get(base).json
    assert [r['name'] for r in roles['roles']] == ['reader']
    assert roles['links']['self'].endswith(
        '/projects/%s/groups/%s/roles' % (demo['project_id'], group['id']))
    domain_path = V3 + '/domains/default/groups/%s/roles/%s' % (
        group['id'], reader)
    assert admin.put(domain_path).status_int == 204
    assert [r['id'] for r in admin.get(
        V3 + '/domains/default/groups/%s/roles' % group['id']).json[
        'roles']] == [reader]
    assert admin.delete(domain_path).status_int == 204
    _error(admin.delete(domain_path), 404)
    _error(admin.put(V3 + '/projects/%s/groups/nope/roles/%s' % (
        demo['project_id'], reader)), 404, 'Could not find group: nope.')
    _error(admin.put(base + '/nope'), 404, 'Could not find role: nope.')


def test_role_assignments_group_filter_and_effective(admin, demo):
    group = _group(admin)
    reader = _role_id(admin, 'reader')
    admin.put(V3 + '/projects/%s/groups/%s/roles/%s' % (
        demo['project_id'], group['id'], reader))
    direct = admin.get(V3 + '/role_assignments?group.id=' + group['id']).json
    assert direct['role_assignments'] == [{
        'group': {'id': group['id']}, 'role': {'id': reader},
        'scope': {'project': {'id': demo['project_id']}},
        'links': {'assignment': 'http://localhost/identity/v3/projects/%s/'
                  'groups/%s/roles/%s' % (demo['project_id'], group['id'],
                                          reader)}}]
    # Not a member yet: nothing effective comes from the group.
    query = '/role_assignments?effective&scope.project.id=' + \
        demo['project_id']
    rows = admin.get(V3 + query).json['role_assignments']
    assert all('membership' not in r['links'] for r in rows)
    admin.put(V3 + '/groups/%s/users/%s' % (group['id'], demo['user_id']))
    rows = admin.get(V3 + query + '&user.id=' + demo['user_id']).json[
        'role_assignments']
    through_group = [r for r in rows if 'membership' in r['links']]
    assert through_group == [{
        'user': {'id': demo['user_id']}, 'role': {'id': reader},
        'scope': {'project': {'id': demo['project_id']}},
        'links': {
            'assignment': 'http://localhost/identity/v3/projects/%s/groups/'
                          '%s/roles/%s' % (demo['project_id'], group['id'],
                                           reader),
            'membership': 'http://localhost/identity/v3/groups/%s/users/%s'
                          % (group['id'], demo['user_id'])}}]
    _error(admin.get(V3 + '/role_assignments?effective&group.id=' +
                     group['id']), 400,
           'Combining effective and group filter will always result in an '
           'empty list.')
    # keystone's query schema answers first (its oneOf), in jsonschema's words.
    _error(admin.get(V3 + '/role_assignments?user.id=a&group.id=b'), 400,
           "{'user.id': 'a', 'group.id': 'b'} is valid under each of "
           "{'required': ['group.id']}, {'required': ['user.id']}")


def test_role_assignments_include_names_for_groups(admin, demo):
    group = _group(admin)
    reader = _role_id(admin, 'reader')
    admin.put(V3 + '/domains/default/groups/%s/roles/%s' % (group['id'],
                                                            reader))
    rows = admin.get(V3 + '/role_assignments?include_names&group.id=' +
                     group['id']).json['role_assignments']
    assert rows[0]['group'] == {'id': group['id'], 'name': 'devs',
                                'domain': {'id': 'default',
                                           'name': 'Default'}}
    assert rows[0]['scope'] == {'domain': {'id': 'default',
                                           'name': 'Default'}}
    assert rows[0]['role'] == {'id': reader, 'name': 'reader'}


def test_tokens_carry_group_roles_and_lose_them_at_once(admin, demo):
    group = _group(admin)
    manager = _role_id(admin, 'manager')
    admin.put(V3 + '/projects/%s/groups/%s/roles/%s' % (
        demo['project_id'], group['id'], manager))
    member_path = V3 + '/groups/%s/users/%s' % (group['id'], demo['user_id'])
    admin.put(member_path)
    assert tokens.validate(demo['token'])['roles'] == ['manager', 'member',
                                                       'reader']
    fresh = token_for(admin, 'demo', DEMO_PASSWORD, 'demo')
    body = admin.get(V3 + '/auth/tokens',
                     headers={'X-Subject-Token': fresh}).json['token']
    assert [r['name'] for r in body['roles']] == ['manager', 'member',
                                                  'reader']
    admin.delete(member_path)
    assert tokens.validate(demo['token'])['roles'] == ['member', 'reader']
    admin.put(member_path)
    assert 'manager' in tokens.validate(demo['token'])['roles']
    admin.delete(V3 + '/groups/' + group['id'])
    assert tokens.validate(demo['token'])['roles'] == ['member', 'reader']


def test_group_only_access_scopes_a_token_and_lists_projects(admin, demo):
    """A user whose only role on a project comes from a group can scope
    to it and sees it in /v3/auth/projects and /users/{id}/projects."""
    project = admin.post(V3 + '/projects', {'project': {
        'name': 'shared'}}).json['project']
    group = _group(admin)
    admin.put(V3 + '/projects/%s/groups/%s/roles/%s' % (
        project['id'], group['id'], _role_id(admin, 'member')))
    admin.put(V3 + '/groups/%s/users/%s' % (group['id'], demo['user_id']))
    token = token_for(admin, 'demo', DEMO_PASSWORD, 'shared')
    projects = admin.get(V3 + '/auth/projects',
                         headers=as_token(token)).json['projects']
    assert {p['name'] for p in projects} == {'demo', 'shared'}
    listed = admin.get(V3 + '/users/%s/projects' % demo['user_id']).json
    assert {p['name'] for p in listed['projects']} == {'demo', 'shared'}
    admin.delete(V3 + '/groups/%s/users/%s' % (group['id'], demo['user_id']))
    resp = admin.get(V3 + '/auth/tokens', headers={'X-Subject-Token': token})
    _error(resp, 404)


def test_deleting_a_user_or_domain_clears_memberships(admin, demo):
    group = _group(admin)
    admin.put(V3 + '/groups/%s/users/%s' % (group['id'], demo['user_id']))
    assert admin.delete(V3 + '/users/' + demo['user_id']).status_int == 204
    assert admin.get(V3 + '/groups/%s/users' % group['id']).json[
        'users'] == []
    domain = admin.post(V3 + '/domains', {'domain': {
        'name': 'gone'}}).json['domain']
    doomed = _group(admin, 'doomed', domain_id=domain['id'])
    admin.request('PATCH', V3 + '/domains/' + domain['id'],
                  {'domain': {'enabled': False}})
    assert admin.delete(V3 + '/domains/' + domain['id']).status_int == 204
    _error(admin.get(V3 + '/groups/' + doomed['id']), 404)


def test_role_assignments_include_subtree(admin, demo):
    resp = admin.get(V3 + '/role_assignments?include_subtree=True')
    _error(resp, 400,
           "'scope.project.id' is a dependency of 'include_subtree'")
    rows = admin.get(V3 + '/role_assignments?include_subtree=True&'
                     'scope.project.id=' + demo['project_id']).json[
        'role_assignments']
    assert [(r['user']['id'], r['role']['id']) for r in rows] == [
        (demo['user_id'], demo['member_role_id'])]


def test_head_answers_like_get_without_a_body(admin, demo):
    group = _group(admin)
    reader = _role_id(admin, 'reader')
    for path in ('/groups', '/groups/' + group['id'],
                 '/groups/%s/users' % group['id'],
                 '/users/%s/groups' % demo['user_id'],
                 '/roles/%s/implies' % _role_id(admin, 'member'),
                 '/role_inferences', '/role_assignments?group.id=x',
                 '/projects', '/projects/' + demo['project_id'], '/users',
                 '/roles', '/domains', '/regions',
                 '/projects/%s/users/%s/roles' % (demo['project_id'],
                                                  demo['user_id']),
                 '/domains/default/groups/%s/roles' % group['id']):
        resp = admin.request('HEAD', V3 + path)
        assert resp.status_int == 200, path
        assert resp.body == b''
    assert admin.request('HEAD', V3 + '/groups/nope').status_int == 404
    # A check answers 204 to HEAD as to GET.
    assert admin.request('HEAD', V3 + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], demo['user_id'], reader)).status_int == 404
    assert admin.request('HEAD', V3 + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], demo['user_id'],
        demo['member_role_id'])).status_int == 204
