"""OS-INHERIT (keystone's inherit.inc): inherited grants on domains and
projects, how role assignments show them, and what they give a user."""
from support.identity import DEMO_PASSWORD, V3, as_token, token_for
from support.identity import keystone_error as _error
from stratus.db.api import tokens

BASE = 'http://localhost/identity/v3'
ROLE_KEYS = {'id', 'name', 'domain_id', 'description', 'options', 'links'}


def _role_id(admin, name):
    return admin.get(V3 + '/roles?name=' + name).json['roles'][0]['id']


def _group(admin):
    return admin.post(V3 + '/groups', {'group': {'name': 'devs'}}).json[
        'group']['id']


def _path(target, target_id, actor, actor_id, role_id=None):
    path = V3 + '/OS-INHERIT/%s/%s/%s/%s/roles' % (target, target_id, actor,
                                                   actor_id)
    if role_id:
        path += '/' + role_id
    return path + '/inherited_to_projects'


def test_inherited_grant_routes(admin, demo):
    reader = _role_id(admin, 'reader')
    group = _group(admin)
    for target, target_id in (('domains', 'default'),
                              ('projects', demo['project_id'])):
        for actor, actor_id in (('users', demo['user_id']),
                                ('groups', group)):
            path = _path(target, target_id, actor, actor_id, reader)
            _error(admin.get(path), 404,
                   'Could not find role assignment with role: %s, user or '
                   'group: %s, project, domain, or system: %s.'
                   % (reader, actor_id, target_id))
            assert admin.request('HEAD', path).status_int == 404
            resp = admin.put(path)
            assert resp.status_int == 204 and resp.body == b''
            assert admin.put(path).status_int == 204  # idempotent
            assert admin.get(path).status_int == 204
            assert admin.request('HEAD', path).status_int == 204
            assert admin.delete(path).status_int == 204
            _error(admin.delete(path), 404)
    path = _path('domains', 'default', 'users', demo['user_id'], reader)
    admin.put(path)
    listing = admin.get(_path('domains', 'default', 'users',
                              demo['user_id']))
    assert listing.status_int == 200
    assert set(listing.json) == {'roles', 'links'}
    assert [r['id'] for r in listing.json['roles']] == [reader]
    assert set(listing.json['roles'][0]) == ROLE_KEYS
    assert listing.json['links']['self'] == BASE + (
        '/OS-INHERIT/domains/default/users/%s/roles/inherited_to_projects'
        % demo['user_id'])
    # The direct grants are another list.
    direct = admin.get(V3 + '/domains/default/users/%s/roles'
                       % demo['user_id']).json['roles']
    assert direct == []
    _error(admin.get(_path('projects', demo['project_id'], 'users',
                           demo['user_id'])), 404)


def test_inherited_grant_errors(admin, demo):
    reader = _role_id(admin, 'reader')
    _error(admin.put(_path('domains', 'default', 'users', demo['user_id'],
                           'nope')), 404, 'Could not find role: nope.')
    _error(admin.put(_path('domains', 'default', 'users', 'nope', reader)),
           404, 'Could not find user: nope.')
    _error(admin.put(_path('domains', 'default', 'groups', 'nope', reader)),
           404, 'Could not find group: nope.')
    _error(admin.put(_path('domains', 'nope', 'users', demo['user_id'],
                           reader)), 404, 'Could not find domain: nope.')
    _error(admin.put(_path('projects', 'nope', 'users', demo['user_id'],
                           reader)), 404, 'Could not find project: nope.')
    _error(admin.put(V3 + '/OS-INHERIT/domains/default/users/%s/roles/%s'
                     % (demo['user_id'], reader)), 404)
    _error(admin.get(V3 + '/OS-INHERIT/things'), 404)
    _error(admin.request('PATCH', _path('domains', 'default', 'users',
                                        demo['user_id'], reader)), 405)
    _error(admin.put(_path('domains', 'default', 'users', demo['user_id'],
                           reader), headers=as_token(demo['token'])), 403)


def test_role_assignments_show_inherited_grants(admin, demo):
    reader = _role_id(admin, 'reader')
    admin.put(_path('domains', 'default', 'users', demo['user_id'], reader))
    link = BASE + ('/OS-INHERIT/domains/default/users/%s/roles/%s/'
                   'inherited_to_projects' % (demo['user_id'], reader))
    stored = {'user': {'id': demo['user_id']}, 'role': {'id': reader},
              'scope': {'domain': {'id': 'default'},
                        'OS-INHERIT:inherited_to': 'projects'},
              'links': {'assignment': link}}
    rows = admin.get(V3 + '/role_assignments?user.id=' + demo['user_id']
                     ).json['role_assignments']
    assert stored in rows and len(rows) == 2
    only = admin.get(V3 + '/role_assignments?scope.OS-INHERIT:'
                     'inherited_to=projects').json['role_assignments']
    assert only == [stored]
    on_domain = admin.get(V3 + '/role_assignments?scope.domain.id=default'
                          '&user.id=' + demo['user_id']).json
    assert on_domain['role_assignments'] == [stored]
    # Effective: on every project of the domain, not on the domain.
    rows = admin.get(V3 + '/role_assignments?effective&user.id=' +
                     demo['user_id']).json['role_assignments']
    inherited = [r for r in rows if 'OS-INHERIT:inherited_to' in r['scope']]
    projects = {p['id'] for p in admin.get(
        V3 + '/projects?domain_id=default').json['projects']}
    assert {r['scope']['project']['id'] for r in inherited} == projects
    assert all(r['links'] == {'assignment': link} for r in inherited)
    assert all(set(r['scope']) == {'project', 'OS-INHERIT:inherited_to'}
               for r in inherited)
    assert admin.get(V3 + '/role_assignments?effective&scope.domain.id='
                     'default&user.id=' + demo['user_id']).json[
        'role_assignments'] == []
    _error(admin.get(V3 + '/role_assignments?effective&scope.domain.id='
                     'default&scope.OS-INHERIT:inherited_to=projects'), 400,
           'Combining effective, domain and inherited filters will always '
           'result in an empty list.')
    one = admin.get(V3 + '/role_assignments?effective&scope.project.id=%s'
                    '&scope.OS-INHERIT:inherited_to=projects'
                    % demo['project_id']).json['role_assignments']
    assert one == [{'user': {'id': demo['user_id']}, 'role': {'id': reader},
                    'scope': {'project': {'id': demo['project_id']},
                              'OS-INHERIT:inherited_to': 'projects'},
                    'links': {'assignment': link}}]


def test_group_inherited_grant_effective_entries(admin, demo):
    group = _group(admin)
    manager = _role_id(admin, 'manager')
    admin.put(V3 + '/groups/%s/users/%s' % (group, demo['user_id']))
    admin.put(_path('domains', 'default', 'groups', group, manager))
    rows = admin.get(V3 + '/role_assignments?effective&scope.project.id=' +
                     demo['project_id']).json['role_assignments']
    mine = [r for r in rows if r['role']['id'] == manager]
    assert mine == [{
        'user': {'id': demo['user_id']}, 'role': {'id': manager},
        'scope': {'project': {'id': demo['project_id']},
                  'OS-INHERIT:inherited_to': 'projects'},
        'links': {
            'assignment': BASE + '/OS-INHERIT/domains/default/groups/%s/'
                                 'roles/%s/inherited_to_projects'
                                 % (group, manager),
            'membership': BASE + '/groups/%s/users/%s'
                                 % (group, demo['user_id'])}}]


def test_inherited_roles_reach_tokens_and_project_lists(admin, demo):
    reader = _role_id(admin, 'reader')
    other = admin.post(V3 + '/projects', {'project': {
        'name': 'other'}}).json['project']
    path = _path('domains', 'default', 'users', demo['user_id'], reader)
    mine = V3 + '/users/%s/projects' % demo['user_id']
    assert other['id'] not in {p['id'] for p in admin.get(mine).json[
        'projects']}
    admin.put(path)
    assert other['id'] in {p['id'] for p in admin.get(mine).json[
        'projects']}
    token = token_for(admin, 'demo', DEMO_PASSWORD, 'other')
    assert tokens.validate(token)['roles'] == ['reader']
    auth_projects = admin.get(V3 + '/auth/projects',
                              headers=as_token(token)).json['projects']
    assert other['id'] in {p['id'] for p in auth_projects}
    # The domain itself is not reached.
    assert admin.get(V3 + '/auth/domains', headers=as_token(token)).json[
        'domains'] == []
    admin.delete(path)
    _error(admin.get(V3 + '/auth/tokens',
                     headers={'X-Subject-Token': token}), 404)


def test_project_inherited_grant_reaches_no_project(admin, demo):
    """Projects here have no subtree: a grant inherited to a project's
    subtree gives nothing on the project itself."""
    manager = _role_id(admin, 'manager')
    admin.put(_path('projects', demo['project_id'], 'users',
                    demo['user_id'], manager))
    assert tokens.validate(demo['token'])['roles'] == ['member', 'reader']
    rows = admin.get(V3 + '/role_assignments?effective&user.id=' +
                     demo['user_id']).json['role_assignments']
    assert manager not in {r['role']['id'] for r in rows}
    listed = admin.get(V3 + '/role_assignments?scope.project.id=' +
                       demo['project_id']).json['role_assignments']
    assert {'user': {'id': demo['user_id']}, 'role': {'id': manager},
            'scope': {'project': {'id': demo['project_id']},
                      'OS-INHERIT:inherited_to': 'projects'},
            'links': {'assignment': BASE + '/OS-INHERIT/projects/%s/users/%s'
                      '/roles/%s/inherited_to_projects' % (
                          demo['project_id'], demo['user_id'], manager)}
            } in listed
    # Deleting the project removes its grants.
    assert admin.delete(V3 + '/projects/' + demo['project_id']
                        ).status_int == 204
    assert admin.get(V3 + '/role_assignments?scope.OS-INHERIT:inherited_to'
                     '=projects').json['role_assignments'] == []
