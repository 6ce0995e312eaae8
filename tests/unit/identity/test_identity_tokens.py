"""POST/GET/HEAD/DELETE /v3/auth/tokens and the token contract."""
import datetime
import json

import pytest

from support.identity import ADMIN_PASSWORD, DEMO_PASSWORD, V3
from support.identity import as_token, issue, password_auth, token_for
from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db import models
from stratus.db import session
from stratus.db.api import tokens

UNAUTHORIZED = {'error': {'code': 401, 'title': 'Unauthorized',
                          'message': 'The request you have made requires '
                                     'authentication.'}}


def _subject(token):
    return {'X-Subject-Token': token}


def test_password_by_names_scoped_to_project_by_name(admin):
    resp = issue(admin, password_auth('admin', ADMIN_PASSWORD, 'admin'))
    assert resp.status_int == 201
    assert len(resp.headers['X-Subject-Token']) >= 32
    token = resp.json['token']
    assert token['methods'] == ['password']
    assert token['user']['name'] == 'admin'
    assert token['user']['domain'] == {'id': 'default', 'name': 'Default'}
    assert token['user']['password_expires_at'] is None
    assert token['project']['name'] == 'admin'
    assert token['project']['domain'] == {'id': 'default',
                                          'name': 'Default'}
    # Keystone's bootstrap: admin implies manager, member and reader.
    assert [r['name'] for r in token['roles']] == ['admin', 'manager', 'member', 'reader']
    assert token['expires_at'].endswith('.000000Z')
    assert token['issued_at'].endswith('Z') and len(token['audit_ids']) == 1
    identity = [s for s in token['catalog'] if s['type'] == 'identity'][0]
    endpoint = identity['endpoints'][0]
    assert set(endpoint) == {'id', 'interface', 'region', 'region_id', 'url'}
    assert endpoint['region'] == endpoint['region_id'] == 'RegionOne'
    assert endpoint['url'] == 'http://localhost/identity'


def test_password_by_ids_scoped_to_project_by_id(admin, demo):
    body = {'auth': {'identity': {'methods': ['password'], 'password': {
        'user': {'id': demo['user_id'], 'password': DEMO_PASSWORD}}},
        'scope': {'project': {'id': demo['project_id']}}}}
    resp = issue(admin, body)
    assert resp.status_int == 201
    assert resp.json['token']['project']['id'] == demo['project_id']
    assert [r['name'] for r in resp.json['token']['roles']] == ['member',
                                                             'reader']


def test_user_domain_by_id_and_project_domain_by_id(admin):
    body = password_auth('admin', ADMIN_PASSWORD)
    body['auth']['identity']['password']['user']['domain'] = {
        'id': 'default'}
    body['auth']['scope'] = {'project': {'name': 'admin',
                                         'domain': {'id': 'default'}}}
    assert issue(admin, body).status_int == 201


def test_explicitly_unscoped_token_has_no_roles_nor_catalog(admin):
    resp = issue(admin, password_auth('admin', ADMIN_PASSWORD,
                                      scope='unscoped'))
    assert resp.status_int == 201
    token = resp.json['token']
    assert 'project' not in token and 'catalog' not in token
    assert 'roles' not in token
    info = tokens.validate(resp.headers['X-Subject-Token'])
    assert info['project_id'] is None and info['roles'] == []


def test_no_scope_uses_default_project_else_unscoped(admin, demo):
    resp = issue(admin, password_auth('demo', DEMO_PASSWORD))
    assert resp.json['token']['project']['id'] == demo['project_id']
    resp = issue(admin, password_auth('admin', ADMIN_PASSWORD))
    assert 'project' not in resp.json['token']


def test_domain_scoped_token(admin):
    user = admin.get(V3 + '/users?name=admin').json['users'][0]
    role = admin.get(V3 + '/roles?name=admin').json['roles'][0]
    admin.put(V3 + '/domains/default/users/%s/roles/%s' % (user['id'],
                                                          role['id']))
    resp = issue(admin, password_auth('admin', ADMIN_PASSWORD, scope={
        'domain': {'name': 'Default'}}))
    assert resp.status_int == 201
    token = resp.json['token']
    assert token['domain'] == {'id': 'default', 'name': 'Default'}
    assert 'project' not in token and token['roles'][0]['name'] == 'admin'
    info = tokens.validate(resp.headers['X-Subject-Token'])
    assert (info['domain_id'], info['domain_name']) == ('default', 'Default')


def test_domain_scope_without_role_is_401(admin, demo):
    resp = issue(admin, password_auth('demo', DEMO_PASSWORD, scope={
        'domain': {'id': 'default'}}))
    assert resp.status_int == 401


def test_rescope_an_unscoped_token_to_a_project(admin):
    unscoped = issue(admin, password_auth('admin', ADMIN_PASSWORD,
                                          scope='unscoped'))
    first = unscoped.json['token']
    body = {'auth': {'identity': {'methods': ['token'], 'token': {
        'id': unscoped.headers['X-Subject-Token']}},
        'scope': {'project': {'name': 'admin', 'domain': {
            'name': 'Default'}}}}}
    resp = issue(admin, body)
    assert resp.status_int == 201
    token = resp.json['token']
    assert token['methods'] == ['token', 'password']
    assert token['project']['name'] == 'admin'
    assert token['expires_at'] == first['expires_at']
    assert token['audit_ids'][1] == first['audit_ids'][0]


def test_rescope_with_a_revoked_token_is_401(admin):
    token = token_for(admin, 'admin', ADMIN_PASSWORD, 'admin')
    tokens.revoke(token)
    body = {'auth': {'identity': {'methods': ['token'],
                                  'token': {'id': token}}}}
    assert issue(admin, body).status_int == 401


@pytest.mark.parametrize('name,password', [
    ('admin', 'wrong'), ('nobody', 'x'), ('admin', '')])
def test_bad_credentials_are_keystone_401(admin, name, password):
    resp = issue(admin, password_auth(name, password, 'admin'))
    assert resp.status_int == 401
    assert resp.json == UNAUTHORIZED
    assert 'Traceback' not in resp.text and 'X-Subject-Token' not in \
        resp.headers


def test_disabled_user_and_project_without_role_are_401(admin, demo):
    resp = issue(admin, password_auth('demo', DEMO_PASSWORD, 'admin'))
    assert resp.status_int == 401
    admin.request('PATCH', V3 + '/users/%s' % demo['user_id'],
                  {'user': {'enabled': False}})
    resp = issue(admin, password_auth('demo', DEMO_PASSWORD, 'demo'))
    assert resp.status_int == 401
    with pytest.raises(exception.NotAuthenticated):
        tokens.validate(demo['token'])


def test_disabled_project_invalidates_its_tokens(admin, demo):
    admin.request('PATCH', V3 + '/projects/%s' % demo['project_id'],
                  {'project': {'enabled': False}})
    with pytest.raises(exception.NotAuthenticated):
        tokens.validate(demo['token'])
    assert issue(admin, password_auth('demo', DEMO_PASSWORD,
                                      'demo')).status_int == 401


def test_unknown_project_or_domain_in_scope_is_401(admin):
    assert issue(admin, password_auth('admin', ADMIN_PASSWORD,
                                      'nope')).status_int == 401
    assert issue(admin, password_auth('admin', ADMIN_PASSWORD, scope={
        'domain': {'id': 'nope'}})).status_int == 401


def test_unsupported_method_is_401(admin):
    body = {'auth': {'identity': {'methods': ['totp'], 'totp': {}}}}
    assert issue(admin, body).status_int == 401


def _bad(admin, raw):
    resp = admin.post(V3 + '/auth/tokens', raw=raw,
                      headers={'X-Auth-Token': ''})
    assert resp.status_int == 400, resp.text
    assert resp.json['error']['code'] == 400
    assert resp.json['error']['title'] == 'Bad Request'
    return resp.json['error']['message']


def test_malformed_json_is_400(admin):
    # keystone's JSON body hook; an empty body is no body: no `auth`.
    expecting = ('Expecting to find %s in request body. The server could '
                 'not comply with the request since it is either malformed '
                 'or otherwise incorrect. The client is assumed to be in '
                 'error.')
    assert _bad(admin, b'{"auth": ') == expecting % 'valid JSON'
    assert _bad(admin, b'[1]') == expecting % 'valid JSON'
    assert _bad(admin, b'') == expecting % 'auth'


# keystone validates `auth` with its older validator: paths relative to
# `auth`, jsonschema's explanation after the first line; then its own
# id-or-name rules; the rest (lengths, method blocks) are stratus's.
@pytest.mark.parametrize('body,first_line', [
    ({}, 'Expecting to find auth in request body. The server could not '
         'comply with the request since it is either malformed or otherwise '
         'incorrect. The client is assumed to be in error.'),
    ({'auth': {}}, "'identity' is a required property"),
    ({'auth': {'identity': {}}},
     "Invalid input for field 'identity': 'methods' is a required property"),
    ({'auth': {'identity': {'methods': []}}},
     "Invalid input for field 'identity/methods': [] should be non-empty"),
    ({'auth': {'identity': {'methods': ['password']}}},
     'Invalid input for field/attribute auth/identity. Expecting to find '
     'password in identity.'),
    ({'auth': {'identity': {'methods': ['password'], 'password': {
        'user': {'name': 'admin', 'password': 'x'}}}}},
     'Invalid input for field/attribute auth/identity/password/user. '
     'Expecting to find domain in user.'),
    ({'auth': {'identity': {'methods': ['password'], 'password': {
        'user': {'password': 'x'}}}}},
     'Invalid input for field identity/password/user: id or name must be '
     'present.'),
    ({'auth': {'identity': {'methods': ['password'], 'password': {
        'user': {'id': 'x', 'domain': {}}}}}},
     'Invalid input for field identity/password/user/domain: id or name '
     'must be present.'),
    ({'auth': {'identity': {'methods': ['password'], 'password': {
        'user': {'id': 'x'}}}}},
     "Invalid input for field 'identity/password/user': 'password' is a "
     "required property"),
    ({'auth': {'identity': {'methods': 'password'}}},
     "Invalid input for field 'identity/methods': 'password' is not of type "
     "'array'"),
    ({'auth': {'identity': {'methods': ['password'], 'password': {
        'user': {'id': 'x', 'password': 'p'}}}, 'scope': {'project': {}}}},
     'Invalid input for field scope/project: id or name must be present.'),
    ({'auth': {'identity': {'methods': ['password'], 'password': {
        'user': {'id': 'x', 'password': 'p'}}}, 'scope': {'domain': {}}}},
     'Invalid input for field scope/domain: id or name must be present.'),
    ({'auth': {'identity': {'methods': ['password'], 'password': {
        'user': {'id': 'x', 'password': 'p'}}}, 'scope': 7}},
     "Invalid input for field 'scope': 7 is not of type 'object', 'string'"),
])
def test_missing_or_wrong_fields_are_400s_in_keystone_words(admin, body,
                                                            first_line):
    message = _bad(admin, json.dumps(body).encode())
    assert message.split('\n')[0] == first_line


def test_scope_with_project_and_domain_is_400(admin):
    body = password_auth('admin', ADMIN_PASSWORD, scope={
        'project': {'id': 'x'}, 'domain': {'id': 'default'}})
    assert 'auth/scope' in _bad(admin, json.dumps(body).encode())


def test_project_name_without_domain_is_400(admin):
    body = password_auth('admin', ADMIN_PASSWORD, scope={
        'project': {'name': 'admin'}})
    assert 'auth/scope/project' in _bad(admin, json.dumps(body).encode())


def test_password_of_wrong_type_is_worded_as_keystone_does(admin):
    # keystone's validator masks nothing: the whole explanation, value too.
    body = password_auth('admin', ADMIN_PASSWORD, 'admin')
    body['auth']['identity']['password']['user']['password'] = 987654321
    assert _bad(admin, json.dumps(body).encode()) == (
        "Invalid input for field 'identity/password/user/password': "
        "987654321 is not of type 'string'\n\n"
        "Failed validating 'type' in schema['properties']['identity']"
        "['properties']['password']['properties']['user']['properties']"
        "['password']:\n    {'type': 'string'}\n\n"
        "On instance['identity']['password']['user']['password']:\n"
        "    987654321")


def test_validate_check_and_revoke(admin):
    subject = token_for(admin, 'admin', ADMIN_PASSWORD, 'admin')
    resp = admin.get(V3 + '/auth/tokens', headers=_subject(subject))
    assert resp.status_int == 200
    assert resp.headers['X-Subject-Token'] == subject
    assert resp.json['token']['project']['name'] == 'admin'
    assert 'catalog' in resp.json['token']
    resp = admin.get(V3 + '/auth/tokens?nocatalog',
                     headers=_subject(subject))
    assert 'catalog' not in resp.json['token']
    resp = admin.request('HEAD', V3 + '/auth/tokens',
                         headers=_subject(subject))
    assert resp.status_int == 200 and resp.body == b''
    assert admin.delete(V3 + '/auth/tokens',
                        headers=_subject(subject)).status_int == 204
    resp = admin.get(V3 + '/auth/tokens', headers=_subject(subject))
    assert resp.status_int == 404 and resp.json['error']['code'] == 404
    resp = admin.request('HEAD', V3 + '/auth/tokens',
                         headers=_subject(subject))
    assert resp.status_int == 404 and resp.body == b''
    # The revoked token no longer authenticates anything.
    resp = admin.get(V3 + '/projects', headers=as_token(subject))
    assert resp.status_int == 401
    assert resp.json == UNAUTHORIZED
    resp = admin.get('/compute/v2.1/flavors', headers=as_token(subject))
    assert resp.status_int == 401


def test_validate_needs_a_valid_caller_token(admin):
    subject = admin.token
    resp = admin.get(V3 + '/auth/tokens', headers={
        'X-Auth-Token': 'bogus', 'X-Subject-Token': subject})
    assert resp.status_int == 401


def test_user_may_validate_own_tokens_only(admin, demo):
    own = token_for(admin, 'demo', DEMO_PASSWORD, 'demo')
    headers = dict(as_token(demo['token']), **_subject(own))
    assert admin.get(V3 + '/auth/tokens', headers=headers).status_int == 200
    headers = dict(as_token(demo['token']), **_subject(admin.token))
    assert admin.get(V3 + '/auth/tokens', headers=headers).status_int == 403
    assert admin.delete(V3 + '/auth/tokens',
                        headers=headers).status_int == 403
    headers = dict(as_token(demo['token']), **_subject(own))
    assert admin.delete(V3 + '/auth/tokens',
                        headers=headers).status_int == 204


def test_expired_token_is_rejected(admin, monkeypatch):
    subject = token_for(admin, 'admin', ADMIN_PASSWORD, 'admin')
    assert tokens.validate(subject)['user_name'] == 'admin'
    later = models.utcnow() + datetime.timedelta(
        seconds=CONF.identity.token_expiration + 1)
    monkeypatch.setattr(tokens, '_utcnow', lambda: later)
    with pytest.raises(exception.NotAuthenticated):
        tokens.validate(subject)
    resp = admin.get(V3 + '/projects', headers=as_token(subject))
    assert resp.status_int == 401


def test_short_token_expiration_option(admin):
    CONF.set_override('token_expiration', 60, 'identity')
    try:
        body = issue(admin, password_auth('admin', ADMIN_PASSWORD,
                                          'admin')).json['token']
    finally:
        CONF.clear_override('token_expiration', 'identity')
    fmt = '%Y-%m-%dT%H:%M:%S.%fZ'
    life = datetime.datetime.strptime(body['expires_at'], fmt) - \
        datetime.datetime.strptime(body['issued_at'], fmt)
    assert life == datetime.timedelta(seconds=60)


def test_validate_contract(admin):
    info = tokens.validate(admin.token)
    assert set(info) == set(tokens.CONTRACT_KEYS)
    assert info['roles'] == ['admin', 'manager', 'member', 'reader']
    assert info['methods'] == ['password']
    assert info['project_name'] == 'admin'
    assert info['project_domain_name'] == 'Default'
    assert info['domain_id'] is None and info['domain_name'] is None
    assert info['expires_at'].tzinfo is None
    assert isinstance(info['audit_ids'], list)
    # Callers may change what they get without touching the cache.
    info['roles'].append('x')
    assert tokens.validate(admin.token)['roles'] == ['admin', 'manager', 'member', 'reader']


def test_unknown_or_empty_token_is_not_authenticated(boot):
    for token in ('', None, 'x' * 43):
        with pytest.raises(exception.NotAuthenticated):
            tokens.validate(token)


def test_only_a_digest_is_stored(admin):
    with session.reader() as s:
        digests = [t.digest for t in s.query(models.Token)]
    assert admin.token not in digests
    assert tokens.digest(admin.token) in digests


def test_removed_role_takes_effect(admin, demo):
    assert tokens.validate(demo['token'])['roles'] == ['member', 'reader']
    resp = admin.delete(V3 + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], demo['user_id'], demo['member_role_id']))
    assert resp.status_int == 204
    with pytest.raises(exception.NotAuthenticated):
        tokens.validate(demo['token'])


def test_added_role_shows_at_validation(admin, demo):
    reader = admin.get(V3 + '/roles?name=reader').json['roles'][0]
    admin.put(V3 + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], demo['user_id'], reader['id']))
    assert tokens.validate(demo['token'])['roles'] == ['member', 'reader']


def test_password_change_revokes_tokens(admin, demo):
    admin.request('PATCH', V3 + '/users/%s' % demo['user_id'],
                  {'user': {'password': 'new-one'}})
    with pytest.raises(exception.NotAuthenticated):
        tokens.validate(demo['token'])
    assert issue(admin, password_auth('demo', DEMO_PASSWORD,
                                      'demo')).status_int == 401
    assert issue(admin, password_auth('demo', 'new-one',
                                      'demo')).status_int == 201


def test_self_service_password_change(admin, demo):
    path = V3 + '/users/%s/password' % demo['user_id']
    resp = admin.post(path, {'user': {'original_password': 'wrong',
                                      'password': 'n'}})
    assert resp.status_int == 401
    resp = admin.post(path, {'user': {'original_password': DEMO_PASSWORD,
                                      'password': 'n'}})
    assert resp.status_int == 204
    assert issue(admin, password_auth('demo', 'n', 'demo')).status_int == 201
