"""OS-OAUTH1 (keystone's v3-ext/oauth.inc): consumers, the delegation
dance signed with oauthlib's client, the oauth1 auth method, and the
user's access tokens; statuses, messages and key sets as keystone's."""
import urllib.parse

from oauthlib import oauth1 as oauth_client
import pytest

from support.identity import V3, as_token, issue
from support.identity import keystone_error as _error

URL = 'http://localhost' + V3
CONSUMER_KEYS = {'id', 'description', 'links'}
ACCESS_TOKEN_KEYS = {'id', 'consumer_id', 'project_id',
                     'authorizing_user_id', 'expires_at', 'links'}
UNAUTHORIZED = 'The request you have made requires authentication.'


def _signed(client, path, headers=None, **oauth):
    """POST `path` signed by an oauthlib client built with `oauth`."""
    signer = oauth_client.Client(signature_method=oauth_client.SIGNATURE_HMAC,
                                 **oauth)
    _uri, signed, _body = signer.sign(URL + path, http_method='POST')
    signed.update(headers or {})
    signed['X-Auth-Token'] = ''
    return client.request('POST', V3 + path, headers=signed)


def _form(resp):
    assert resp.status_int == 201, resp.text
    assert resp.content_type == 'application/x-www-form-urlencoded'
    return dict(urllib.parse.parse_qsl(resp.text))


@pytest.fixture
def consumer(admin):
    resp = admin.post(V3 + '/OS-OAUTH1/consumers', {'consumer': {
        'description': 'My consumer'}})
    assert resp.status_int == 201, resp.text
    return resp.json['consumer']


def _request_token(client, consumer, project_id):
    return _signed(client, '/OS-OAUTH1/request_token',
                   {'Requested-Project-Id': project_id},
                   client_key=consumer['id'],
                   client_secret=consumer['secret'], callback_uri='oob')


def _access_token(client, consumer, request, verifier):
    return _signed(client, '/OS-OAUTH1/access_token',
                   client_key=consumer['id'],
                   client_secret=consumer['secret'],
                   resource_owner_key=request['oauth_token'],
                   resource_owner_secret=request['oauth_token_secret'],
                   verifier=verifier)


def _oauth_auth(client, consumer, access):
    signer = oauth_client.Client(
        consumer['id'], client_secret=consumer['secret'],
        resource_owner_key=access['oauth_token'],
        resource_owner_secret=access['oauth_token_secret'],
        signature_method=oauth_client.SIGNATURE_HMAC)
    _uri, headers, _body = signer.sign(URL + '/auth/tokens',
                                       http_method='POST')
    headers['X-Auth-Token'] = ''
    return client.post(V3 + '/auth/tokens', {'auth': {'identity': {
        'methods': ['oauth1'], 'oauth1': {}}}}, headers=headers)


def test_consumer_crud_shapes(admin, consumer):
    assert set(consumer) == CONSUMER_KEYS | {'secret'}
    assert len(consumer['id']) == 32 and consumer['secret']
    assert consumer['links']['self'].endswith(
        V3 + '/OS-OAUTH1/consumers/' + consumer['id'])
    path = V3 + '/OS-OAUTH1/consumers/' + consumer['id']
    shown = admin.get(path).json
    assert shown == {'consumer': {k: consumer[k] for k in CONSUMER_KEYS}}
    listing = admin.get(V3 + '/OS-OAUTH1/consumers').json
    assert set(listing) == {'consumers', 'links'}
    assert listing['consumers'] == [shown['consumer']]
    resp = admin.request('PATCH', path, {'consumer': {
        'description': 'My new consumer', 'colour': 'red'}})
    assert resp.status_int == 200, resp.text
    assert set(resp.json['consumer']) == CONSUMER_KEYS | {'colour'}
    assert resp.json['consumer']['description'] == 'My new consumer'
    _error(admin.request('PATCH', path, {'consumer': {'secret': 'x'}}), 400)
    _error(admin.request('PATCH', path, {'consumer': {}}), 400)
    _error(admin.request('PATCH', path, {'consumer': {'id': 'other'}}), 400,
           'Cannot change ID')
    _error(admin.request('PATCH', path, {'consumer': {'description': 5}}),
           400)
    assert admin.delete(path).status_int == 204
    _error(admin.get(path), 404, 'Consumer not found')
    _error(admin.delete(path), 404, 'Consumer not found')


def test_consumer_bodies_are_read_leniently(admin):
    # keystone: no body, or one that is not JSON, is an empty consumer.
    for raw in (b'', b'not json'):
        resp = admin.request('POST', V3 + '/OS-OAUTH1/consumers', raw=raw)
        assert resp.status_int == 201, resp.text
        assert resp.json['consumer']['description'] is None
        path = V3 + '/OS-OAUTH1/consumers/' + resp.json['consumer']['id']
        _error(admin.request('PATCH', path, raw=raw), 400)


def test_consumers_are_for_admins(admin, demo, consumer):
    headers = as_token(demo['token'])
    _error(admin.get(V3 + '/OS-OAUTH1/consumers', headers=headers), 403,
           'You are not authorized to perform the requested action: '
           'identity:list_consumers.')
    _error(admin.post(V3 + '/OS-OAUTH1/consumers', {'consumer': {}},
                      headers=headers), 403)
    _error(admin.get(V3 + '/OS-OAUTH1/consumers',
                     headers={'X-Auth-Token': ''}), 401)


def test_the_whole_delegation(admin, demo, consumer):
    project_id = demo['project_id']
    request = _form(_request_token(admin, consumer, project_id))
    assert set(request) == {'oauth_token', 'oauth_token_secret',
                            'oauth_expires_at'}
    # The demo user (member on the project) authorizes its member role.
    path = V3 + '/OS-OAUTH1/authorize/' + request['oauth_token']
    resp = admin.put(path, {'roles': [{'name': 'member'}]})
    # Keystone's default: only an admin may authorize.
    assert resp.status_int == 401, resp.text  # admin holds no role there
    resp = admin.put(path, {'roles': [{'id': demo['member_role_id']}]},
                     headers=as_token(demo['token']))
    _error(resp, 403)
    role = admin.get(V3 + '/roles?name=admin').json['roles'][0]
    assert admin.put(V3 + '/projects/%s/users/%s/roles/%s' % (
        project_id, demo['user_id'], role['id'])).status_int == 204
    resp = admin.put(path, {'roles': [{'name': 'member'}]},
                     headers=as_token(demo['token']))
    assert resp.status_int == 200, resp.text
    assert set(resp.json) == {'token'}
    assert set(resp.json['token']) == {'oauth_verifier'}
    verifier = resp.json['token']['oauth_verifier']
    # A wrong verifier, then the right one; it works once.
    wrong = 'A' * 8 if verifier != 'A' * 8 else 'B' * 8
    _error(_access_token(admin, consumer, request, wrong), 401,
           UNAUTHORIZED)
    access = _form(_access_token(admin, consumer, request, verifier))
    assert set(access) == {'oauth_token', 'oauth_token_secret',
                           'oauth_expires_at'}
    _error(_access_token(admin, consumer, request, verifier), 404,
           'Request token not found')
    # Authenticating with the access token.
    resp = _oauth_auth(admin, consumer, access)
    assert resp.status_int == 201, resp.text
    token = resp.json['token']
    assert token['methods'] == ['oauth1']
    assert token['OS-OAUTH1'] == {'access_token_id': access['oauth_token'],
                                  'consumer_id': consumer['id']}
    assert token['project']['id'] == project_id
    assert [r['name'] for r in token['roles']] == ['member', 'reader']
    oauth_token = resp.headers['X-Subject-Token']
    # A delegated token can neither authorize nor manage access tokens.
    tokens_path = V3 + '/users/%s/OS-OAUTH1/access_tokens' % demo['user_id']
    _error(admin.get(tokens_path, headers=as_token(oauth_token)), 403)
    # Nor make another token.
    resp = admin.post(V3 + '/auth/tokens', {'auth': {'identity': {
        'methods': ['token'], 'token': {'id': oauth_token}}}},
        headers={'X-Auth-Token': ''})
    _error(resp, 403)
    # The user's access tokens (admin reads them).
    listing = admin.get(tokens_path).json
    assert set(listing) == {'access_tokens', 'links'}
    [entry] = listing['access_tokens']
    assert set(entry) == ACCESS_TOKEN_KEYS
    assert set(entry['links']) == {'self', 'roles'}
    assert entry['authorizing_user_id'] == demo['user_id']
    one = tokens_path + '/' + entry['id']
    assert admin.get(one).json == {'access_token': entry}
    roles = admin.get(one + '/roles').json
    assert set(roles) == {'roles', 'links'}
    assert [r['id'] for r in roles['roles']] == [demo['member_role_id']]
    assert set(roles['roles'][0]) == {'id', 'name', 'domain_id', 'links'}
    assert admin.get(one + '/roles/' + demo['member_role_id']).json == {
        'role': roles['roles'][0]}
    _error(admin.get(one + '/roles/' + role['id']), 404,
           'Could not find role: %s.' % role['id'])
    other = V3 + '/users/%s/OS-OAUTH1/access_tokens/%s' % (
        'x' * 32, entry['id'])
    _error(admin.get(other), 404)
    # The owner revokes it; its keystone token stops working.
    assert admin.delete(one, headers=as_token(demo['token'])).status_int \
        == 204
    _error(admin.get(one), 404, 'Access token not found')
    resp = admin.get(V3 + '/auth/tokens', headers={
        'X-Subject-Token': oauth_token})
    _error(resp, 404)


def test_request_token_refusals(admin, demo, consumer):
    path = V3 + '/OS-OAUTH1/request_token'
    _error(admin.post(path, headers={'X-Auth-Token': ''}), 400)
    bad = dict(consumer, secret='wrong')
    _error(_request_token(admin, bad, demo['project_id']), 401,
           UNAUTHORIZED)
    _error(_request_token(admin, consumer, 'nope'), 404,
           'Could not find project: nope.')
    resp = _signed(admin, '/OS-OAUTH1/request_token',
                   client_key=consumer['id'],
                   client_secret=consumer['secret'], callback_uri='oob')
    _error(resp, 400, 'Expecting to find Requested-Project-Id in request. '
           'The server could not comply with the request since it is '
           'either malformed or otherwise incorrect. The client is '
           'assumed to be in error.')
    unknown = dict(consumer, id='f' * 32)
    _error(_request_token(admin, unknown, demo['project_id']), 404,
           'Consumer not found')
    assert admin.get(path).status_int == 405


def test_authorize_refusals(admin, demo, consumer):
    request = _form(_request_token(admin, consumer, demo['project_id']))
    path = V3 + '/OS-OAUTH1/authorize/'
    _error(admin.put(path + 'f' * 32, {'roles': []}), 404,
           'Request token not found')
    _error(admin.put(path + request['oauth_token'], {'roles': [
        {'id': 'a', 'name': 'b'}]}), 400)
    _error(admin.put(path + request['oauth_token'], {'roles': [
        {'name': 'no-such-role'}]}), 404, 'Could not find role: '
        'no-such-role.')
    # The admin holds no role on the demo project.
    _error(admin.put(path + request['oauth_token'], {'roles': [
        {'id': demo['member_role_id']}]}), 401, UNAUTHORIZED)


def test_hostile_oauth_input_is_a_4xx(admin, demo, consumer):
    tail = (' The server could not comply with the request since it is '
            'either malformed or otherwise incorrect. The client is '
            'assumed to be in error.')
    for header in ('OAuth garbage', 'Basic Zm9vOmJhcg==', 'OAuth \xe9=1',
                   'OAuth oauth_consumer_key="%s"' % consumer['id']):
        resp = admin.request('POST', V3 + '/OS-OAUTH1/request_token',
                             headers={'X-Auth-Token': '',
                                      'Authorization': header,
                                      'Requested-Project-Id':
                                          demo['project_id']})
        assert 400 <= resp.status_int < 500, (header, resp.text)
    resp = admin.request('POST', V3 + '/OS-OAUTH1/access_token', headers={
        'X-Auth-Token': '', 'Authorization':
        'OAuth oauth_consumer_key="%s", oauth_token="x"' % consumer['id']})
    _error(resp, 400, 'Expecting to find oauth_verifier in request.' + tail)
    resp = admin.post(V3 + '/auth/tokens', {'auth': {'identity': {
        'methods': ['oauth1'], 'oauth1': {}}}}, headers={'X-Auth-Token': ''})
    _error(resp, 400, 'Expecting to find Authorization in request.' + tail)
    resp = admin.post(V3 + '/auth/tokens', {'auth': {'identity': {
        'methods': ['oauth1'], 'oauth1': {}}}}, headers={
        'X-Auth-Token': '', 'Authorization': 'OAuth oauth_token="nope"'})
    _error(resp, 404, 'Access token not found')
    request = _form(_request_token(admin, consumer, demo['project_id']))
    path = V3 + '/OS-OAUTH1/authorize/' + request['oauth_token']
    for body in ({'roles': 'member'}, {'roles': [{}]}, {'roles': [5]},
                 {'roles': [{'id': 'x', 'extra': 1}]}):
        _error(admin.put(path, body), 400)
    # keystone reads a body that is not JSON as {}: no roles, which any
    # authorizer holds.
    resp = admin.request('PUT', path, raw=b'{not json')
    assert resp.status_int == 200, resp.text
    assert set(resp.json['token']) == {'oauth_verifier'}
    # Signed with the wrong request secret, then a malformed verifier.
    _error(_access_token(admin, consumer, dict(
        request, oauth_token_secret='bad'), 'ABCDEFGH'), 401)
    _error(_access_token(admin, consumer, request, 'no'), 400)


def _age(model, token_id):
    """Move a token's expiry into the past."""
    import datetime

    from stratus.db import models
    from stratus.db import session
    with session.writer() as s:
        row = s.get(getattr(models, model), token_id)
        row.expires_at = datetime.datetime(2000, 1, 1)


def test_expired_tokens_are_refused(admin, demo, consumer):
    request = _form(_request_token(admin, consumer, demo['project_id']))
    _age('OAuth1RequestToken', request['oauth_token'])
    path = V3 + '/OS-OAUTH1/authorize/' + request['oauth_token']
    _error(admin.put(path, {'roles': []}), 401, UNAUTHORIZED)
    _error(_access_token(admin, consumer, request, 'ABCDEFGH'), 401,
           UNAUTHORIZED)
    # An access token past its expiry authenticates no more.
    access = _delegation(admin, demo, consumer)
    assert _oauth_auth(admin, consumer, access).status_int == 201
    _age('OAuth1AccessToken', access['oauth_token'])
    _error(_oauth_auth(admin, consumer, access), 401, UNAUTHORIZED)


def _delegation(admin, demo, consumer):
    """An access token of demo's (made admin on its project) for member."""
    role = admin.get(V3 + '/roles?name=admin').json['roles'][0]
    assert admin.put(V3 + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], demo['user_id'], role['id'])).status_int == 204
    request = _form(_request_token(admin, consumer, demo['project_id']))
    resp = admin.put(V3 + '/OS-OAUTH1/authorize/' + request['oauth_token'],
                     {'roles': [{'name': 'member'}]},
                     headers=as_token(demo['token']))
    assert resp.status_int == 200, resp.text
    return _form(_access_token(admin, consumer, request,
                               resp.json['token']['oauth_verifier']))


def test_deleting_the_consumer_stops_its_tokens(admin, demo, consumer):
    access = _delegation(admin, demo, consumer)
    resp = _oauth_auth(admin, consumer, access)
    assert resp.status_int == 201
    token = resp.headers['X-Subject-Token']
    assert admin.delete(V3 + '/OS-OAUTH1/consumers/' +
                        consumer['id']).status_int == 204
    _error(admin.get(V3 + '/auth/tokens', headers={'X-Subject-Token': token}),
           404)
    listing = admin.get(V3 + '/users/%s/OS-OAUTH1/access_tokens'
                        % demo['user_id']).json
    assert listing['access_tokens'] == []


def test_durations_zero_mean_no_expiry(admin, demo, consumer):
    from stratus.common.conf import CONF
    CONF.set_override('request_token_duration', 0, group='oauth1')
    try:
        request = _form(_request_token(admin, consumer, demo['project_id']))
    finally:
        CONF.clear_override('request_token_duration', group='oauth1')
    assert set(request) == {'oauth_token', 'oauth_token_secret'}


def test_get_routes_answer_head(admin, demo, consumer):
    access = _delegation(admin, demo, consumer)
    tokens_path = V3 + '/users/%s/OS-OAUTH1/access_tokens' % demo['user_id']
    for path in (V3 + '/OS-OAUTH1/consumers',
                 V3 + '/OS-OAUTH1/consumers/' + consumer['id'],
                 tokens_path, tokens_path + '/' + access['oauth_token'],
                 tokens_path + '/' + access['oauth_token'] + '/roles',
                 tokens_path + '/' + access['oauth_token'] + '/roles/' +
                 demo['member_role_id']):
        resp = admin.request('HEAD', path)
        assert resp.status_int == 200, (path, resp.status)
        assert resp.body == b''


def test_oauth_tokens_do_not_redelegate(admin, demo, consumer):
    access = _delegation(admin, demo, consumer)
    token = _oauth_auth(admin, consumer, access).headers['X-Subject-Token']
    headers = as_token(token)
    creds = V3 + '/users/%s/application_credentials' % demo['user_id']
    _error(admin.post(creds, {'application_credential': {'name': 'x'}},
                      headers=headers), 403,
           'You are not authorized to perform the requested action.')
    _error(admin.get(creds, headers=headers), 403)
    _error(admin.get(V3 + '/users/%s/access_rules' % demo['user_id'],
                     headers=headers), 403)
    resp = admin.post(V3 + '/OS-TRUST/trusts', {'trust': {
        'trustor_user_id': demo['user_id'],
        'trustee_user_id': demo['user_id'],
        'project_id': demo['project_id'], 'impersonation': False,
        'roles': [{'name': 'member'}]}}, headers=headers)
    _error(resp, 403, 'You are not authorized to perform the requested '
           'action: Redelegation allowed for delegated by trust only.')
