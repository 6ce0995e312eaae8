"""OS-TRUST: trust CRUD, roles, policies, and authentication scoped to a
trust (keystone 30 facts: api-ref v3-ext/trust.inc and its samples)."""
import datetime

from support.identity import ADMIN_PASSWORD, DEMO_PASSWORD, V3
from support.identity import as_token, issue, password_auth, token_for
from support.identity import keystone_error as _error

TRUST_KEYS = {'id', 'trustor_user_id', 'trustee_user_id', 'project_id',
              'impersonation', 'expires_at', 'remaining_uses', 'deleted_at',
              'redelegated_trust_id', 'redelegation_count', 'links',
              'roles', 'roles_links'}
LISTED_KEYS = TRUST_KEYS - {'roles', 'roles_links'}
ROLE_KEYS = {'id', 'name', 'domain_id', 'description', 'options', 'links'}
FORBIDDEN = 'You are not authorized to perform the requested action.'
UNAUTHORIZED = 'The request you have made requires authentication.'


def _user(admin, name, password='trustee-secret'):
    return admin.post(V3 + '/users', {'user': {
        'name': name, 'password': password}}).json['user']


def _me(admin):
    return admin.get(V3 + '/users?name=admin').json['users'][0]['id']


def _project_id(admin, name='admin'):
    return admin.get(V3 + '/projects?name=' + name).json['projects'][0]['id']


def _role_id(admin, name):
    return admin.get(V3 + '/roles?name=' + name).json['roles'][0]['id']


def _trust(admin, trustee_id, roles=({'name': 'member'},), **extra):
    body = {'trust': dict({
        'trustor_user_id': _me(admin), 'trustee_user_id': trustee_id,
        'project_id': _project_id(admin), 'impersonation': False,
        'roles': list(roles)}, **extra)}
    return admin.post(V3 + '/OS-TRUST/trusts', body)


def _trust_auth(client, trust_id, name='trustee', password='trustee-secret'):
    return issue(client, password_auth(
        name, password, scope={'OS-TRUST:trust': {'id': trust_id}}))


def test_create_show_list_delete_shapes(admin):
    trustee = _user(admin, 'trustee')
    resp = _trust(admin, trustee['id'], expires_at='2099-01-02T03:04:05Z')
    assert resp.status_int == 201, resp.text
    trust = resp.json['trust']
    assert set(trust) == TRUST_KEYS
    assert trust['expires_at'] == '2099-01-02T03:04:05.000000Z'
    assert trust['redelegation_count'] == 0
    assert trust['remaining_uses'] is None and trust['deleted_at'] is None
    assert trust['links']['self'].endswith('/v3/OS-TRUST/trusts/' +
                                           trust['id'])
    assert trust['roles_links']['self'].endswith(trust['id'] + '/roles')
    assert [r['name'] for r in trust['roles']] == ['member']
    assert set(trust['roles'][0]) == ROLE_KEYS
    shown = admin.get(V3 + '/OS-TRUST/trusts/' + trust['id'])
    assert shown.status_int == 200 and shown.json == {'trust': trust}
    listing = admin.get(V3 + '/OS-TRUST/trusts').json
    assert set(listing) == {'trusts', 'links'}
    assert set(listing['trusts'][0]) == LISTED_KEYS
    roles = admin.get(V3 + '/OS-TRUST/trusts/%s/roles' % trust['id']).json
    assert set(roles) == {'roles', 'links'}
    assert roles['roles'] == trust['roles']
    role_id = trust['roles'][0]['id']
    one = admin.get(V3 + '/OS-TRUST/trusts/%s/roles/%s' % (trust['id'],
                                                           role_id))
    assert one.json == {'role': trust['roles'][0]}
    head = admin.request('HEAD', V3 + '/OS-TRUST/trusts/%s/roles/%s' % (
        trust['id'], role_id))
    assert head.status_int == 200 and head.body == b''
    other = _role_id(admin, 'reader')
    _error(admin.get(V3 + '/OS-TRUST/trusts/%s/roles/%s' % (
        trust['id'], other)), 404, 'Could not find role: %s.' % other)
    assert admin.delete(V3 + '/OS-TRUST/trusts/' +
                        trust['id']).status_int == 204
    _error(admin.get(V3 + '/OS-TRUST/trusts/' + trust['id']), 404,
           'Could not find trust: %s.' % trust['id'])
    assert admin.get(V3 + '/OS-TRUST/trusts').json['trusts'] == []


def test_create_refusals(admin, demo):
    trustee = _user(admin, 'trustee')
    _error(_trust(admin, 'nobody'), 404, 'Could not find user: nobody.')
    _error(_trust(admin, trustee['id'], roles=[{'name': 'nosuch'}]), 404,
           'Could not find role: nosuch.')
    _error(_trust(admin, trustee['id'], roles=[]), 403,
           'You are not authorized to perform the requested action: '
           'At least one role should be specified.')
    _error(_trust(admin, trustee['id'], trustor_user_id=demo['user_id']),
           403, 'You are not authorized to perform the requested action: '
           'identity:create_trust.')
    _error(_trust(admin, trustee['id'], remaining_uses=0), 400,
           "Invalid input for field/attribute remaining_uses. Value: 0. 0 is "
           "less than the minimum of 1")
    _error(_trust(admin, trustee['id'], impersonation='yes'), 400)
    _error(_trust(admin, trustee['id'], roles=[{'id': 'a', 'name': 'b'}]),
           400)
    _error(_trust(admin, trustee['id'], expires_at='2001-01-01T00:00:00Z'),
           400, "The 'expires_at' must not be before now. The server could "
           "not comply with the request since it is either malformed or "
           "otherwise incorrect. The client is assumed to be in error.")
    _error(_trust(admin, trustee['id'], expires_at='soon'), 400,
           'Timestamp not in expected format. The server could not comply '
           'with the request since it is either malformed or otherwise '
           'incorrect. The client is assumed to be in error.')
    _error(_trust(admin, trustee['id'], allow_redelegation=True,
                  remaining_uses=2), 400,
           'remaining_uses must not be set if redelegation is allowed')
    _error(_trust(admin, trustee['id'], allow_redelegation=True,
                  redelegation_count=4), 403, FORBIDDEN)
    # A role the trustor does not hold on the project.
    demo_client_role = _role_id(admin, 'member')
    body = {'trust': {'trustor_user_id': _me(admin),
                      'trustee_user_id': trustee['id'],
                      'project_id': demo['project_id'],
                      'impersonation': False,
                      'roles': [{'id': demo_client_role}]}}
    _error(admin.post(V3 + '/OS-TRUST/trusts', body), 404,
           'Could not find role: %s.' % demo_client_role)
    body['trust']['project_id'] = 'nosuch'
    _error(admin.post(V3 + '/OS-TRUST/trusts', body), 404,
           'Could not find project: nosuch.')


def test_redelegation_count_defaults(admin):
    trustee = _user(admin, 'trustee')
    trust = _trust(admin, trustee['id'], allow_redelegation=True).json
    assert trust['trust']['redelegation_count'] == 3
    assert 'allow_redelegation' not in trust['trust']
    trust = _trust(admin, trustee['id'], allow_redelegation=True,
                   redelegation_count=2, impersonation=True).json
    assert trust['trust']['redelegation_count'] == 2


def test_policies_trustor_trustee_others(admin, demo):
    trustee = _user(admin, 'trustee')
    trust = _trust(admin, trustee['id']).json['trust']
    tid = trust['id']
    other = as_token(demo['token'])
    _error(admin.get(V3 + '/OS-TRUST/trusts/' + tid, headers=other), 403,
           'You are not authorized to perform the requested action: '
           'identity:get_trust.')
    _error(admin.get(V3 + '/OS-TRUST/trusts', headers=other), 403,
           'You are not authorized to perform the requested action: '
           'identity:list_trusts.')
    _error(admin.get(V3 + '/OS-TRUST/trusts?trustor_user_id=' + _me(admin),
                     headers=other), 403)
    _error(admin.get(V3 + '/OS-TRUST/trusts/%s/roles' % tid, headers=other),
           403, 'You are not authorized to perform the requested action: '
           'identity:list_roles_for_trust.')
    # The trustee (unscoped token) reads it and lists its own.
    mine = issue(admin, password_auth('trustee', 'trustee-secret'))
    trustee_headers = as_token(mine.headers['X-Subject-Token'])
    assert admin.get(V3 + '/OS-TRUST/trusts/' + tid,
                     headers=trustee_headers).status_int == 200
    listed = admin.get(V3 + '/OS-TRUST/trusts?trustee_user_id=' +
                       trustee['id'], headers=trustee_headers).json
    assert [t['id'] for t in listed['trusts']] == [tid]
    _error(admin.delete(V3 + '/OS-TRUST/trusts/' + tid,
                        headers=trustee_headers), 403,
           'You are not authorized to perform the requested action: '
           'identity:delete_trust.')
    assert admin.get(V3 + '/OS-TRUST/trusts?trustor_user_id=' +
                     _me(admin)).json['trusts'][0]['id'] == tid
    assert admin.get(V3 + '/OS-TRUST/trusts?other=1').json['trusts'] == []
    _error(admin.get(V3 + '/OS-TRUST/trusts/nosuch', headers=other), 404)


def test_trust_scoped_token(admin):
    trustee = _user(admin, 'trustee')
    trust = _trust(admin, trustee['id']).json['trust']
    resp = _trust_auth(admin, trust['id'])
    assert resp.status_int == 201, resp.text
    token = resp.json['token']
    assert token['OS-TRUST:trust'] == {
        'id': trust['id'], 'impersonation': False,
        'trustor_user': {'id': _me(admin)},
        'trustee_user': {'id': trustee['id']}}
    assert token['user']['id'] == trustee['id']
    assert token['project']['id'] == _project_id(admin)
    assert 'is_domain' not in token
    # member implies reader
    assert [r['name'] for r in token['roles']] == ['member', 'reader']
    subject = resp.headers['X-Subject-Token']
    shown = admin.get(V3 + '/auth/tokens',
                      headers={'X-Subject-Token': subject})
    assert shown.json['token']['OS-TRUST:trust']['id'] == trust['id']
    # A trust-scoped token cannot make another token.
    rescope = {'auth': {'identity': {'methods': ['token'],
                                     'token': {'id': subject}}}}
    _error(issue(admin, rescope), 403, 'You are not authorized to perform '
           'the requested action: Using trust-scoped token to create '
           'another token. Create a new trust-scoped token instead.')
    # Someone else than the trustee: 403.
    _error(issue(admin, password_auth(
        'admin', ADMIN_PASSWORD,
        scope={'OS-TRUST:trust': {'id': trust['id']}})), 403, FORBIDDEN)
    # Deleting the trust ends its tokens and its use.
    admin.delete(V3 + '/OS-TRUST/trusts/' + trust['id'])
    _error(admin.get(V3 + '/auth/tokens',
                     headers={'X-Subject-Token': subject}), 404)
    _error(_trust_auth(admin, trust['id']), 401, UNAUTHORIZED)


def test_impersonation_and_uses(admin):
    trustee = _user(admin, 'trustee')
    trust = _trust(admin, trustee['id'], impersonation=True,
                   remaining_uses=2).json['trust']
    first = _trust_auth(admin, trust['id'])
    assert first.status_int == 201
    assert first.json['token']['user']['id'] == _me(admin)
    assert first.json['token']['user']['name'] == 'admin'
    shown = admin.get(V3 + '/OS-TRUST/trusts/' + trust['id']).json
    assert shown['trust']['remaining_uses'] == 1
    assert _trust_auth(admin, trust['id']).status_int == 201
    _error(_trust_auth(admin, trust['id']), 401, UNAUTHORIZED)
    _error(admin.get(V3 + '/OS-TRUST/trusts/' + trust['id']), 404)


def test_trustor_losing_the_role_or_expiry(admin, demo):
    trustee = _user(admin, 'trustee')
    # demo delegates its member role on demo to the trustee.
    demo_headers = as_token(demo['token'])
    body = {'trust': {'trustor_user_id': demo['user_id'],
                      'trustee_user_id': trustee['id'],
                      'project_id': demo['project_id'],
                      'impersonation': False, 'roles': [{'name': 'member'}]}}
    resp = admin.post(V3 + '/OS-TRUST/trusts', body, headers=demo_headers)
    assert resp.status_int == 201, resp.text
    trust_id = resp.json['trust']['id']
    token = _trust_auth(admin, trust_id)
    assert token.status_int == 201
    admin.delete(V3 + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], demo['user_id'], demo['member_role_id']))
    _error(_trust_auth(admin, trust_id), 403, FORBIDDEN)
    _error(admin.get(V3 + '/auth/tokens', headers={
        'X-Subject-Token': token.headers['X-Subject-Token']}), 404)


def test_expired_trust_and_bad_scopes(admin, monkeypatch):
    from stratus.db.api import tokens
    trustee = _user(admin, 'trustee')
    soon = (datetime.datetime.utcnow() + datetime.timedelta(minutes=5))
    trust = _trust(admin, trustee['id'],
                   expires_at=soon.strftime('%Y-%m-%dT%H:%M:%S')).json
    trust_id = trust['trust']['id']
    later = soon + datetime.timedelta(minutes=1)
    monkeypatch.setattr(tokens, '_utcnow', lambda: later)
    _error(_trust_auth(admin, trust_id), 401, UNAUTHORIZED)
    body = password_auth('trustee', 'trustee-secret', scope={
        'OS-TRUST:trust': {'id': trust_id}, 'project': {'id': 'x'}})
    _error(issue(admin, body), 400)
    body['auth']['scope'] = {'OS-TRUST:trust': {}}
    _error(issue(admin, body), 400)
    body['auth']['scope'] = {'OS-TRUST:trust': 'abc'}
    _error(issue(admin, body), 400)


def test_redelegation_from_a_trust_scoped_token(admin):
    trustee = _user(admin, 'trustee')
    third = _user(admin, 'third')
    trust = _trust(admin, trustee['id'], allow_redelegation=True,
                   redelegation_count=2).json['trust']
    token = _trust_auth(admin, trust['id']).headers['X-Subject-Token']
    body = {'trust': {'trustor_user_id': trustee['id'],
                      'trustee_user_id': third['id'],
                      'project_id': trust['project_id'],
                      'impersonation': False, 'allow_redelegation': True,
                      'roles': [{'name': 'member'}]}}
    resp = admin.post(V3 + '/OS-TRUST/trusts', body, headers=as_token(token))
    assert resp.status_int == 201, resp.text
    child = resp.json['trust']
    assert child['redelegated_trust_id'] == trust['id']
    assert child['redelegation_count'] == 1
    # Roles beyond the parent trust's, or impersonation it lacks: 403.
    body['trust']['impersonation'] = True
    _error(admin.post(V3 + '/OS-TRUST/trusts', body,
                      headers=as_token(token)), 403, FORBIDDEN)
    # Deleting the parent deletes the child.
    admin.delete(V3 + '/OS-TRUST/trusts/' + trust['id'])
    _error(admin.get(V3 + '/OS-TRUST/trusts/' + child['id']), 404)
    auth = _trust_auth(admin, child['id'], name='third')
    _error(auth, 401, UNAUTHORIZED)


def test_not_redelegatable_trust_refuses_redelegation(admin):
    trustee = _user(admin, 'trustee')
    third = _user(admin, 'third')
    trust = _trust(admin, trustee['id']).json['trust']
    token = _trust_auth(admin, trust['id']).headers['X-Subject-Token']
    body = {'trust': {'trustor_user_id': trustee['id'],
                      'trustee_user_id': third['id'],
                      'project_id': trust['project_id'],
                      'impersonation': False,
                      'roles': [{'name': 'member'}]}}
    _error(admin.post(V3 + '/OS-TRUST/trusts', body,
                      headers=as_token(token)), 403, FORBIDDEN)


def test_application_credential_tokens_never_reach_trusts(admin, demo):
    """keystone 30: no trust call through an application credential
    token, unrestricted or not; the policy answers first."""
    # keystone's ForbiddenAction adds its own full stop: two of them.
    forbidden = ("You are not authorized to perform the requested action: "
                 "Using method 'application_credential' is not allowed for "
                 "managing trusts..")
    trustee = _user(admin, 'trustee')
    cred = admin.post(V3 + '/users/%s/application_credentials' % _me(admin),
                      {'application_credential': {
                          'name': 'ci', 'unrestricted': True}})
    assert cred.status_int == 201, cred.text
    cred = cred.json['application_credential']
    login = issue(admin, {'auth': {'identity': {
        'methods': ['application_credential'],
        'application_credential': {'id': cred['id'],
                                   'secret': cred['secret']}}}})
    assert login.status_int == 201, login.text
    headers = as_token(login.headers['X-Subject-Token'])
    trust = _trust(admin, trustee['id']).json['trust']
    body = {'trust': {
        'trustor_user_id': _me(admin), 'trustee_user_id': trustee['id'],
        'project_id': _project_id(admin), 'impersonation': False,
        'roles': [{'name': 'member'}]}}
    for method, path, doc in (
            ('POST', '/OS-TRUST/trusts', body),
            ('GET', '/OS-TRUST/trusts', None),
            ('GET', '/OS-TRUST/trusts?trustor_user_id=%s' % _me(admin),
             None),
            ('GET', '/OS-TRUST/trusts/%s' % trust['id'], None),
            ('GET', '/OS-TRUST/trusts/%s/roles' % trust['id'], None),
            ('DELETE', '/OS-TRUST/trusts/%s' % trust['id'], None)):
        resp = admin.request(method, V3 + path, doc, headers=headers)
        _error(resp, 403, forbidden)
    # The trust is still there for a password token.
    assert admin.get(V3 + '/OS-TRUST/trusts/%s' % trust['id']
                     ).status_int == 200
