"""Application credentials and access rules: the /v3/users/{id}/...
routes and the "application_credential" auth method (keystone 30 facts:
api-ref samples for key sets, keystone's messages for errors)."""
import datetime

from support.identity import DEMO_PASSWORD, V3, as_token, issue
from support.identity import keystone_error as _error
from stratus.db.api import tokens

# keystone 30 answers its whole table row (user_id and system included),
# more than its api-ref sample shows.
CRED_KEYS = {'id', 'name', 'description', 'expires_at', 'project_id',
             'user_id', 'system', 'roles', 'unrestricted', 'links'}
RULE_KEYS = {'id', 'service', 'path', 'method'}
UNAUTHORIZED = 'The request you have made requires authentication.'


def _path(user_id, *rest):
    return '/'.join((V3, 'users', user_id, 'application_credentials') +
                    rest)


def _create(client, demo, token=None, **values):
    body = {'application_credential': dict({'name': 'monitoring'}, **values)}
    resp = client.post(_path(demo['user_id']), body,
                       headers=as_token(token or demo['token']))
    assert resp.status_int == 201, resp.text
    return resp.json['application_credential']


def _auth_body(cred_id, secret, **extra):
    body = {'auth': {'identity': {
        'methods': ['application_credential'],
        'application_credential': {'id': cred_id, 'secret': secret}}}}
    body['auth'].update(extra)
    return body


def _login(client, cred):
    resp = issue(client, _auth_body(cred['id'], cred['secret']))
    assert resp.status_int == 201, resp.text
    return resp.headers['X-Subject-Token'], resp.json['token']


def test_create_shows_the_secret_once(admin, demo):
    cred = _create(admin, demo, description='for monitoring')
    assert set(cred) == CRED_KEYS | {'secret'}
    assert len(cred['secret']) == 86
    assert cred['project_id'] == demo['project_id']
    assert cred['description'] == 'for monitoring'
    assert cred['expires_at'] is None and cred['unrestricted'] is False
    assert [r['name'] for r in cred['roles']] == ['member', 'reader']
    # Whole role refs, as keystone's role_api.get_role gives them.
    assert set(cred['roles'][0]) == {'id', 'name', 'domain_id',
                                     'description', 'options'}
    assert cred['user_id'] == demo['user_id'] and cred['system'] is None
    assert cred['roles'][0]['domain_id'] is None
    assert cred['links']['self'].endswith(
        '/identity/v3/users/%s/application_credentials/%s' % (
            demo['user_id'], cred['id']))
    headers = as_token(demo['token'])
    shown = admin.get(_path(demo['user_id'], cred['id']), headers=headers)
    assert shown.status_int == 200
    assert shown.json == {'application_credential': {
        k: v for k, v in cred.items() if k != 'secret'}}
    listing = admin.get(_path(demo['user_id']), headers=headers).json
    assert set(listing) == {'application_credentials', 'links'}
    assert [c['id'] for c in listing['application_credentials']] == [
        cred['id']]
    assert 'secret' not in listing['application_credentials'][0]


def test_given_secret_roles_by_name_expiry_and_filter(admin, demo):
    later = (datetime.datetime.utcnow() + datetime.timedelta(days=1)
             ).replace(microsecond=0)
    cred = _create(admin, demo, secret='rEaqvJka48mpv',
                   roles=[{'name': 'reader'}],
                   expires_at=later.strftime('%Y-%m-%dT%H:%M:%SZ'))
    assert cred['secret'] == 'rEaqvJka48mpv'
    assert [r['name'] for r in cred['roles']] == ['reader']
    assert cred['expires_at'] == later.strftime('%Y-%m-%dT%H:%M:%S.000000')
    _create(admin, demo, name='backups')
    headers = as_token(demo['token'])
    names = admin.get(_path(demo['user_id']) + '?name=backups',
                      headers=headers).json['application_credentials']
    assert [c['name'] for c in names] == ['backups']
    # Roles named add the roles they imply (member implies reader).
    member = _create(admin, demo, name='m', roles=[{'name': 'member'}])
    assert [r['name'] for r in member['roles']] == ['member', 'reader']


def test_create_refusals(admin, demo):
    headers = as_token(demo['token'])
    path = _path(demo['user_id'])
    _create(admin, demo)
    _error(admin.post(path, {'application_credential': {
        'name': 'monitoring'}}, headers=headers), 409,
        'Conflict occurred attempting to store application_credential - '
        'Duplicate entry found with name monitoring.')
    _error(admin.post(path, {'application_credential': {
        'name': 'x', 'roles': [{'name': 'admin'}]}}, headers=headers), 400,
        'Invalid application credential: Cannot create an application '
        'credential with unassigned role')
    _error(admin.post(path, {'application_credential': {
        'name': 'x', 'roles': [{'name': 'nope'}]}}, headers=headers), 404,
        'Could not find role: nope.')
    _error(admin.post(path, {'application_credential': {
        'name': 'x', 'expires_at': 'yesterday'}}, headers=headers), 400)
    _error(admin.post(path, {'application_credential': {
        'name': 'x', 'expires_at': '2001-01-01T00:00:00Z'}},
        headers=headers), 400, "The 'expires_at' must not be before now. "
        "The server could not comply with the request since it is either "
        "malformed or otherwise incorrect. The client is assumed to be in "
        "error.")
    _error(admin.post(path, {'application_credential': {
        'name': 'x', 'bogus': 1}}, headers=headers), 400)
    _error(admin.post(path, {'application_credential': {}},
                      headers=headers), 400)
    # Another user's path: owner only, even for an admin.
    _error(admin.post(path, {'application_credential': {'name': 'y'}}),
           403, 'You are not authorized to perform the requested action: '
           'identity:create_application_credential.')


def test_owner_or_admin_reads_and_deletes(admin, demo):
    cred = _create(admin, demo)
    other = admin.post(V3 + '/users', {'user': {
        'name': 'other', 'password': 'pw'}}).json['user']
    admin.put(V3 + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], other['id'], demo['member_role_id']))
    from support.identity import token_for
    other_token = token_for(admin, 'other', 'pw', 'demo')
    # The owner is the credential's, whatever the path says.
    _error(admin.get(_path(other['id'], cred['id']),
                     headers=as_token(other_token)), 403)
    _error(admin.get(_path(demo['user_id']), headers=as_token(other_token)),
           403)
    assert admin.get(_path(demo['user_id'], cred['id'])).status_int == 200
    assert admin.delete(_path(demo['user_id'], cred['id'])).status_int == 204
    _error(admin.get(_path(demo['user_id'], cred['id'])), 404,
           'Could not find Application Credential: %s.' % cred['id'])
    _error(admin.delete(_path(demo['user_id'], cred['id'])), 404)


def test_authenticate_by_id_and_by_name(admin, demo):
    cred = _create(admin, demo)
    token_id, token = _login(admin, cred)
    assert token['methods'] == ['application_credential']
    assert token['application_credential'] == {
        'id': cred['id'], 'name': 'monitoring', 'restricted': True}
    assert token['project']['id'] == demo['project_id']
    assert [r['name'] for r in token['roles']] == ['member', 'reader']
    assert 'catalog' in token
    validated = admin.get(V3 + '/auth/tokens',
                          headers={'X-Subject-Token': token_id})
    assert validated.json['token']['application_credential'][
        'restricted'] is True
    for user in ({'id': demo['user_id']},
                 {'name': 'demo', 'domain': {'id': 'default'}}):
        body = {'auth': {'identity': {
            'methods': ['application_credential'],
            'application_credential': {
                'name': 'monitoring', 'secret': cred['secret'],
                'user': user}}}}
        assert issue(admin, body).status_int == 201


def test_token_roles_are_the_credentials(admin, demo):
    cred = _create(admin, demo, roles=[{'name': 'reader'}])
    _token_id, token = _login(admin, cred)
    assert [r['name'] for r in token['roles']] == ['reader']


def test_authentication_refusals(admin, demo):
    cred = _create(admin, demo)
    _error(issue(admin, _auth_body(cred['id'], 'wrong')), 401, UNAUTHORIZED)
    _error(issue(admin, _auth_body('0' * 32, 'x')), 404,
           'Could not find Application Credential: %s.' % ('0' * 32))
    body = _auth_body(cred['id'], cred['secret'],
                      scope={'project': {'id': demo['project_id']}})
    resp = issue(admin, body)
    assert resp.status_int == 401
    assert resp.json == {'error': {
        'code': 401, 'title': 'Unauthorized',
        'message': 'Error authenticating with application credential: '
                   'Application credentials cannot request a scope.',
        'identity': {'methods': ['password', 'token', 'oauth1', 'mapped',
                                 'application_credential']}}}
    body = {'auth': {'identity': {
        'methods': ['application_credential'],
        'application_credential': {'name': 'monitoring',
                                   'secret': cred['secret']}}}}
    _error(issue(admin, body), 400)
    body['auth']['identity']['application_credential']['user'] = {
        'id': 'nobody'}
    _error(issue(admin, body), 401, UNAUTHORIZED)


def test_rescoping_a_credential_token(admin, demo):
    cred = _create(admin, demo)
    token_id, _token = _login(admin, cred)
    body = {'auth': {'identity': {'methods': ['token'],
                                  'token': {'id': token_id}},
                     'scope': {'project': {'id': demo['project_id']}}}}
    _error(issue(admin, body), 403, 'You are not authorized to perform the '
           'requested action: Using an application credential token to '
           'create a scoped token is not allowed..')
    del body['auth']['scope']
    resp = issue(admin, body)
    assert resp.status_int == 201
    assert resp.json['token']['application_credential']['id'] == cred['id']
    assert resp.json['token']['methods'] == ['token',
                                             'application_credential']


def test_expiry_and_deletion_stop_tokens(admin, demo, monkeypatch):
    later = datetime.datetime.utcnow() + datetime.timedelta(minutes=10)
    cred = _create(admin, demo, expires_at=later.isoformat())
    token_id, token = _login(admin, cred)
    # The token lives no longer than its credential.
    assert token['expires_at'] <= later.strftime('%Y-%m-%dT%H:%M:%S.%fZ')
    tokens.invalidate_cache()
    monkeypatch.setattr(tokens, '_utcnow',
                        lambda: later + datetime.timedelta(seconds=1))
    _error(issue(admin, _auth_body(cred['id'], cred['secret'])), 401)
    monkeypatch.undo()
    other = _create(admin, demo, name='other')
    token_id, _ = _login(admin, other)
    headers = as_token(token_id)
    assert admin.get(V3 + '/auth/projects', headers=headers).status_int == 200
    assert admin.delete(_path(demo['user_id'], other['id'])).status_int == 204
    _error(admin.get(V3 + '/auth/projects', headers=headers), 401)


def test_role_removal_and_user_disable_refuse(admin, demo):
    cred = _create(admin, demo, roles=[{'name': 'member'}])
    token_id, _ = _login(admin, cred)
    headers = as_token(token_id)
    admin.delete(V3 + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], demo['user_id'], demo['member_role_id']))
    _error(admin.get(V3 + '/auth/projects', headers=headers), 401)
    _error(issue(admin, _auth_body(cred['id'], cred['secret'])), 401)
    admin.put(V3 + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], demo['user_id'], demo['member_role_id']))
    _login(admin, cred)
    admin.request('PATCH', V3 + '/users/' + demo['user_id'],
                  {'user': {'enabled': False}})
    _error(issue(admin, _auth_body(cred['id'], cred['secret'])), 401)


def test_deleting_user_or_project_deletes_credentials(admin, demo):
    cred = _create(admin, demo)
    assert admin.delete(V3 + '/projects/' + demo['project_id']
                        ).status_int == 204
    _error(issue(admin, _auth_body(cred['id'], cred['secret'])), 404)
    project = admin.post(V3 + '/projects', {'project': {
        'name': 'p2'}}).json['project']
    admin.put(V3 + '/projects/%s/users/%s/roles/%s' % (
        project['id'], demo['user_id'], demo['member_role_id']))
    from support.identity import token_for
    token = token_for(admin, 'demo', DEMO_PASSWORD, 'p2')
    cred = _create(admin, demo, token=token, access_rules=[
        {'service': 'compute', 'method': 'GET', 'path': '/v2.1/servers'}])
    assert admin.delete(V3 + '/users/' + demo['user_id']).status_int == 204
    _error(issue(admin, _auth_body(cred['id'], cred['secret'])), 404)


def test_restricted_credential_token_cannot_manage_credentials(admin, demo):
    cred = _create(admin, demo)
    token_id, _ = _login(admin, cred)
    message = ("You are not authorized to perform the requested action: "
               "Using method 'application_credential' is not allowed for "
               "managing additional application credentials..")
    _error(admin.post(_path(demo['user_id']), {'application_credential': {
        'name': 'again'}}, headers=as_token(token_id)), 403, message)
    _error(admin.delete(_path(demo['user_id'], cred['id']),
                        headers=as_token(token_id)), 403, message)
    # Reading is allowed; an unrestricted credential may do both.
    assert admin.get(_path(demo['user_id']),
                     headers=as_token(token_id)).status_int == 200
    free = _create(admin, demo, name='free', unrestricted=True)
    token_id, token = _login(admin, free)
    assert token['application_credential']['restricted'] is False
    again = _create(admin, demo, token=token_id, name='again')
    assert admin.delete(_path(demo['user_id'], again['id']),
                        headers=as_token(token_id)).status_int == 204


def test_unscoped_token_cannot_create(admin, demo):
    body = {'auth': {'identity': {'methods': ['password'], 'password': {
        'user': {'id': demo['user_id'], 'password': DEMO_PASSWORD}}},
        'scope': 'unscoped'}}
    unscoped = issue(admin, body).headers['X-Subject-Token']
    _error(admin.post(_path(demo['user_id']), {'application_credential': {
        'name': 'x'}}, headers=as_token(unscoped)), 403)


def test_the_secret_is_stored_hashed(admin, demo):
    from stratus.db import models
    from stratus.db import session
    cred = _create(admin, demo)
    with session.reader() as s:
        row = s.get(models.ApplicationCredential, cred['id'])
        assert row.secret_hash.startswith('$2')
        assert cred['secret'] not in row.secret_hash


# --- access rules ------------------------------------------------------------

def _rules_path(user_id, *rest):
    return '/'.join((V3, 'users', user_id, 'access_rules') + rest)


def test_access_rules_are_shared_listed_and_deleted(admin, demo):
    rule = {'service': 'compute', 'method': 'GET', 'path': '/v2.1/servers'}
    first = _create(admin, demo, access_rules=[rule])
    assert set(first) == CRED_KEYS | {'secret', 'access_rules'}
    [made] = first['access_rules']
    assert set(made) == RULE_KEYS
    # The same rule again, or by id, is the same rule.
    second = _create(admin, demo, name='second', access_rules=[rule])
    third = _create(admin, demo, name='third',
                    access_rules=[{'id': made['id']}])
    assert second['access_rules'] == third['access_rules'] == [made]
    headers = as_token(demo['token'])
    listing = admin.get(_rules_path(demo['user_id']), headers=headers)
    assert listing.status_int == 200
    assert set(listing.json) == {'access_rules', 'links'}
    [listed] = listing.json['access_rules']
    assert set(listed) == RULE_KEYS | {'links'}
    assert listed['links']['self'].endswith('/v3/access_rules/' + made['id'])
    filtered = admin.get(_rules_path(demo['user_id']) + '?service=image',
                         headers=headers).json['access_rules']
    assert filtered == []
    shown = admin.get(_rules_path(demo['user_id'], made['id']),
                      headers=headers)
    assert shown.json == {'access_rule': listed}
    _error(admin.delete(_rules_path(demo['user_id'], made['id']),
                        headers=headers), 403,
           'May not delete access rule in use')
    for cred in (first, second, third):
        admin.delete(_path(demo['user_id'], cred['id']), headers=headers)
    assert admin.delete(_rules_path(demo['user_id'], made['id']),
                        headers=headers).status_int == 204
    _error(admin.get(_rules_path(demo['user_id'], made['id']),
                     headers=headers), 404,
           'Could not find Access Rule: %s.' % made['id'])
    # Owner only: not even an admin reads another user's rules.
    _error(admin.get(_rules_path(demo['user_id'])), 403)


def test_access_rule_validation(admin, demo):
    path = _path(demo['user_id'])
    headers = as_token(demo['token'])
    for rule in ({'service': 'compute', 'method': 'FETCH', 'path': '/x'},
                 {'service': 'compute', 'method': 'GET', 'path': 'x'},
                 {'service': 'com pute', 'method': 'GET', 'path': '/x'}):
        _error(admin.post(path, {'application_credential': {
            'name': 'x', 'access_rules': [rule]}}, headers=headers), 400)
    _error(admin.post(path, {'application_credential': {
        'name': 'x', 'access_rules': [{'id': 'abcdef'}]}},
        headers=headers), 404, 'Could not find Access Rule: abcdef.')


def test_tokens_with_access_rules_only_call_what_they_name(admin, demo):
    cred = _create(admin, demo, access_rules=[
        {'service': 'compute', 'method': 'GET', 'path': '/v2.1/servers'},
        {'service': 'block-storage', 'method': 'GET',
         'path': '/v3/*/volumes/**'}])
    token_id, token = _login(admin, cred)
    assert set(token['application_credential']) == {
        'id', 'name', 'restricted', 'access_rules'}
    headers = as_token(token_id)
    assert admin.get('/compute/v2.1/servers', headers=headers
                     ).status_int == 200
    assert admin.get('/compute/v2.1/servers/', headers=headers
                     ).status_int == 200
    assert admin.get('/compute/v2.1/flavors', headers=headers
                     ).status_int == 401
    assert admin.post('/compute/v2.1/servers', {}, headers=headers
                      ).status_int == 401
    assert admin.get('/volume/v3/%s/volumes/detail' % demo['project_id'],
                     headers=headers).status_int == 200
    assert admin.get('/volume/v3/%s/types' % demo['project_id'],
                     headers=headers).status_int == 401
    # keystone validates such a token only for a caller that enforces
    # the rules.
    subject = {'X-Subject-Token': token_id}
    _error(admin.get(V3 + '/auth/tokens', headers=subject), 404,
           'Failed to validate token')
    ok = admin.get(V3 + '/auth/tokens', headers=dict(
        subject, **{'OpenStack-Identity-Access-Rules': '1.0'}))
    assert ok.status_int == 200


def test_rule_path_matching():
    from stratus.api.middleware.access_rules import path_matches
    assert path_matches('/v2.1/servers/*/ips', '/v2.1/servers/abc/ips')
    assert path_matches('/v2.1/servers/{server_id}/ips',
                        '/v2.1/servers/abc/ips')
    assert not path_matches('/v2.1/servers/*/ips', '/v2.1/servers/a/b/ips')
    assert path_matches('/v2.1/**', '/v2.1/servers/a/b/ips')
    assert not path_matches('/v2.1/servers', '/v2.1/servers/abc')
    assert path_matches('/v2.1/servers.json', '/v2.1/servers.json')
    assert not path_matches('/v2.1/servers.json', '/v2.1/serversXjson')


def test_hostile_bodies_are_400s(admin, demo):
    path = _path(demo['user_id'])
    headers = as_token(demo['token'])
    _error(admin.post(path, {'application_credential': {
        'name': 'x', 'access_rules': [{'service': 'compute'}]}},
        headers=headers), 400, "Invalid input for field "
        "'application_credential/access_rules/0': 'path' is a required "
        "property")
    for expires in ('0001-01-01T00:00:00+05:00', '2030-13-01T00:00:00',
                    '9999-12-31T23:59:59-05:00'):
        _error(admin.post(path, {'application_credential': {
            'name': 'x', 'expires_at': expires}}, headers=headers), 400)
    for bad in ([], 'x', {'name': 5}, {'name': 'x', 'roles': [{}]},
                {'name': 'x', 'roles': [{'id': 'a', 'name': 'b'}]},
                {'name': 'x', 'unrestricted': 'yes'}):
        _error(admin.post(path, {'application_credential': bad},
                          headers=headers), 400)
    resp = admin.request('PATCH', _path(demo['user_id'], 'abc'),
                         {'application_credential': {'name': 'y'}},
                         headers=headers)
    assert resp.status_int == 405
    # A secret of the wrong type is refused without being echoed.
    cred = _create(admin, demo)
    body = _auth_body(cred['id'], ['s3cr3t-value'])
    resp = issue(admin, body)
    assert resp.status_int == 400 and 's3cr3t-value' not in resp.text
    body = _auth_body(cred['id'], cred['secret'])
    del body['auth']['identity']['application_credential']
    _error(issue(admin, body), 400)


def test_deleting_a_granted_role_deletes_the_credentials(admin, demo):
    role = admin.post(V3 + '/roles', {'role': {'name': 'extra'}}).json[
        'role']
    admin.put(V3 + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], demo['user_id'], role['id']))
    from support.identity import token_for
    token = token_for(admin, 'demo', DEMO_PASSWORD, 'demo')
    cred = _create(admin, demo, token=token, roles=[{'name': 'reader'}])
    _login(admin, cred)
    assert admin.delete(V3 + '/roles/' + role['id']).status_int == 204
    _error(issue(admin, _auth_body(cred['id'], cred['secret'])), 404)
