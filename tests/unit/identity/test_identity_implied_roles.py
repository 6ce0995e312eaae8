"""Implied roles (/v3/roles/{prior}/implies, /v3/role_inferences) and
domain-specific roles: keystone's statuses and messages (tempest's
test_roles.py expectations), exact key sets from keystone's samples."""
from support.identity import DEMO_PASSWORD, V3, as_token, token_for
from support.identity import keystone_error as _error
from stratus.db.api import tokens

ROLE_REF_KEYS = {'id', 'name', 'links'}
ROLE_KEYS = {'id', 'name', 'domain_id', 'description', 'options', 'links'}


def _role(admin, name, **extra):
    resp = admin.post(V3 + '/roles', {'role': dict({'name': name}, **extra)})
    assert resp.status_int == 201, resp.text
    return resp.json['role']


def _role_id(admin, name):
    return admin.get(V3 + '/roles?name=' + name).json['roles'][0]['id']


def _implies(prior, implied=None):
    path = V3 + '/roles/%s/implies' % prior
    return path + ('/' + implied if implied else '')


def test_bootstrap_rules(admin):
    body = admin.get(V3 + '/role_inferences').json
    assert set(body) == {'role_inferences'}
    pairs = sorted((r['prior_role']['name'], i['name'])
                   for r in body['role_inferences'] for i in r['implies'])
    assert pairs == [('admin', 'manager'), ('manager', 'member'),
                     ('member', 'reader')]
    for rule in body['role_inferences']:
        assert set(rule) == {'prior_role', 'implies'}
        assert set(rule['prior_role']) == ROLE_REF_KEYS
        assert all(set(i) == ROLE_REF_KEYS for i in rule['implies'])


def test_create_check_show_list_delete(admin):
    prior = _role(admin, 'prior')
    one = _role(admin, 'one')
    two = _role(admin, 'two')
    resp = admin.put(_implies(prior['id'], one['id']))
    assert resp.status_int == 201
    assert set(resp.json) == {'role_inference', 'links'}
    assert resp.json['links'] == {'self': 'http://localhost/identity/v3/'
                                  'roles/%s/implies/%s' % (prior['id'],
                                                           one['id'])}
    inference = resp.json['role_inference']
    assert inference == {
        'prior_role': {'id': prior['id'], 'name': 'prior', 'links': {
            'self': 'http://localhost/identity/v3/roles/' + prior['id']}},
        'implies': {'id': one['id'], 'name': 'one', 'links': {
            'self': 'http://localhost/identity/v3/roles/' + one['id']}}}
    shown = admin.get(_implies(prior['id'], one['id']))
    assert shown.status_int == 200 and shown.json == resp.json
    assert admin.request('HEAD', _implies(prior['id'],
                                          one['id'])).status_int == 204
    _error(admin.put(_implies(prior['id'], one['id'])), 409,
           'Conflict occurred attempting to store implied_role - Duplicate '
           'entry.')
    admin.put(_implies(prior['id'], two['id']))
    listing = admin.get(_implies(prior['id']))
    assert listing.status_int == 200
    assert set(listing.json) == {'role_inference', 'links'}
    assert listing.json['links']['self'].endswith(
        '/roles/%s/implies' % prior['id'])
    assert sorted(r['id'] for r in listing.json['role_inference'][
        'implies']) == sorted([one['id'], two['id']])
    assert admin.delete(_implies(prior['id'], one['id'])).status_int == 204
    missing = '%s does not imply %s.' % (prior['id'], one['id'])
    _error(admin.get(_implies(prior['id'], one['id'])), 404, missing)
    assert admin.request('HEAD', _implies(prior['id'],
                                          one['id'])).status_int == 404
    _error(admin.delete(_implies(prior['id'], one['id'])), 404, missing)
    assert [r['id'] for r in admin.get(_implies(prior['id'])).json[
        'role_inference']['implies']] == [two['id']]


def test_refusals(admin, demo):
    prior = _role(admin, 'prior')
    _error(admin.put(_implies(prior['id'], _role_id(admin, 'admin'))), 403,
           '%s cannot be an implied roles.' % _role_id(admin, 'admin'))
    _error(admin.put(_implies(prior['id'], 'nope')), 404,
           'Could not find role: nope.')
    _error(admin.put(_implies('nope', prior['id'])), 404,
           'Could not find role: nope.')
    _error(admin.get(_implies('nope')), 404, 'Could not find role: nope.')
    _error(admin.put(_implies(prior['id'], _role_id(admin, 'reader')),
                     headers=as_token(demo['token'])), 403)
    _error(admin.get(V3 + '/role_inferences',
                     headers=as_token(demo['token'])), 403)


def test_tokens_carry_implied_roles_transitively_and_cycles_end(admin, demo):
    a, b, c = (_role(admin, n) for n in ('ra', 'rb', 'rc'))
    admin.put(_implies(a['id'], b['id']))
    admin.put(_implies(b['id'], c['id']))
    admin.put(_implies(c['id'], a['id']))  # a cycle is allowed
    admin.put(V3 + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], demo['user_id'], b['id']))
    assert tokens.validate(demo['token'])['roles'] == [
        'member', 'ra', 'rb', 'rc', 'reader']
    admin.delete(_implies(b['id'], c['id']))
    assert tokens.validate(demo['token'])['roles'] == ['member', 'rb',
                                                       'reader']


def test_effective_assignments_show_implied_roles(admin, demo):
    prior = _role(admin, 'prior')
    implied = _role(admin, 'implied')
    admin.put(_implies(prior['id'], implied['id']))
    admin.put(V3 + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], demo['user_id'], prior['id']))
    query = V3 + ('/role_assignments?effective&scope.project.id=%s&'
                  'user.id=%s&role.id=%s') % (demo['project_id'],
                                              demo['user_id'], implied['id'])
    rows = admin.get(query).json['role_assignments']
    base = 'http://localhost/identity/v3'
    assert rows == [{
        'user': {'id': demo['user_id']}, 'role': {'id': implied['id']},
        'scope': {'project': {'id': demo['project_id']}},
        'links': {
            'assignment': '%s/projects/%s/users/%s/roles/%s' % (
                base, demo['project_id'], demo['user_id'], prior['id']),
            'prior_role': '%s/prior_role/%s/implies/%s' % (
                base, implied['id'], prior['id'])}}]
    # Not effective: only the stored grant.
    plain = admin.get(V3 + '/role_assignments?user.id=%s&scope.project.id=%s'
                      % (demo['user_id'], demo['project_id'])).json
    assert {r['role']['id'] for r in plain['role_assignments']} == {
        prior['id'], demo['member_role_id']}


def test_domain_specific_roles(admin, demo):
    role = _role(admin, 'dr', domain_id='default')
    assert set(role) == ROLE_KEYS and role['domain_id'] == 'default'
    # The same name may exist globally and in another domain.
    _role(admin, 'dr')
    _error(admin.post(V3 + '/roles', {'role': {'name': 'dr',
                                               'domain_id': 'default'}}),
           409, 'Conflict occurred attempting to store role - Duplicate '
           'entry found with name dr at domain ID default.')
    listed = admin.get(V3 + '/roles?domain_id=default').json['roles']
    assert listed == [role]
    assert role['id'] not in [r['id'] for r in admin.get(
        V3 + '/roles').json['roles']]
    assert admin.get(V3 + '/roles/' + role['id']).json['role'] == role
    _error(admin.request('PATCH', V3 + '/roles/' + role['id'],
                         {'role': {'domain_id': None}}), 400,
           'Update of `domain_id` is not allowed.')
    # A global role cannot imply a domain role; the reverse is allowed.
    global_role = _role(admin, 'global')
    _error(admin.put(_implies(global_role['id'], role['id'])), 403,
           'Global role cannot imply a domain-specific role')
    assert admin.put(_implies(role['id'],
                              global_role['id'])).status_int == 201
    # Granted on a project: only its implied global roles reach tokens
    # and the effective list.
    admin.put(V3 + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], demo['user_id'], role['id']))
    assert tokens.validate(demo['token'])['roles'] == ['global', 'member',
                                                       'reader']
    rows = admin.get(V3 + '/role_assignments?effective&user.id=' +
                     demo['user_id']).json['role_assignments']
    assert role['id'] not in [r['role']['id'] for r in rows]
    named = admin.get(V3 + '/role_assignments?include_names&role.id=' +
                      role['id']).json['role_assignments']
    assert named[0]['role'] == {'id': role['id'], 'name': 'dr',
                                'domain': {'id': 'default',
                                           'name': 'Default'}}


def test_domain_role_only_on_projects_of_its_domain(admin, demo):
    other = admin.post(V3 + '/domains', {'domain': {
        'name': 'other'}}).json['domain']
    role = _role(admin, 'foreign', domain_id=other['id'])
    _error(admin.put(V3 + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], demo['user_id'], role['id'])), 403,
        'Project %s must be in the same domain as the role %s being '
        'assigned.' % (demo['project_id'], role['id']))


def test_deleting_a_role_removes_its_rules(admin, demo):
    prior = _role(admin, 'prior')
    implied = _role(admin, 'implied')
    admin.put(_implies(prior['id'], implied['id']))
    assert admin.delete(V3 + '/roles/' + implied['id']).status_int == 204
    assert admin.get(_implies(prior['id'])).json['role_inference'][
        'implies'] == []


def test_a_new_token_carries_implied_roles(admin, demo):
    token = token_for(admin, 'demo', DEMO_PASSWORD, 'demo')
    body = admin.get(V3 + '/auth/tokens',
                     headers={'X-Subject-Token': token}).json['token']
    assert [r['name'] for r in body['roles']] == ['member', 'reader']


def test_member_refused_domain_role_actions_by_name(admin, demo):
    role = _role(admin, 'dr', domain_id='default')
    headers = as_token(demo['token'])
    action = 'You are not authorized to perform the requested action: %s.'
    _error(admin.get(V3 + '/roles/' + role['id'], headers=headers), 403,
           action % 'identity:get_domain_role')
    _error(admin.delete(V3 + '/roles/' + role['id'], headers=headers), 403,
           action % 'identity:delete_domain_role')
    _error(admin.get(V3 + '/roles/nope', headers=headers), 403,
           action % 'identity:get_role')
    _error(admin.get(V3 + '/roles?domain_id=default', headers=headers), 403,
           action % 'identity:list_domain_roles')
    _error(admin.get(V3 + '/roles/nope'), 404, 'Could not find role: nope.')
