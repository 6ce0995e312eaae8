"""POST /v3/OS-OAUTH2/token (keystone's v3-ext/oauth2.inc): the client
credentials grant with an application credential, and keystone's OAuth2
error bodies and statuses."""
import base64
import urllib.parse

import pytest
import webob

from support.identity import V3, as_token

PATH = V3 + '/OS-OAUTH2/token'
FORM = 'application/x-www-form-urlencoded'


def _post(client, form, user=None, password=None, environ=None):
    headers = {'X-Auth-Token': '', 'Content-Type': FORM}
    if user is not None:
        pair = ('%s:%s' % (user, password)).encode()
        headers['Authorization'] = 'Basic ' + base64.b64encode(pair).decode()
    req = webob.Request.blank(PATH, method='POST', headers=headers,
                              environ=environ or {})
    req.body = urllib.parse.urlencode(form).encode()
    req.content_type = FORM
    return req.get_response(client.app)


def _oauth_error(resp, code, error, description=None):
    assert resp.status_int == code, resp.text
    assert set(resp.json) == {'error', 'error_description'}
    assert resp.json['error'] == error
    if description is not None:
        assert resp.json['error_description'] == description


@pytest.fixture
def cred(admin, demo):
    resp = admin.post(V3 + '/users/%s/application_credentials'
                      % demo['user_id'], {'application_credential': {
                          'name': 'client'}},
                      headers=as_token(demo['token']))
    assert resp.status_int == 201, resp.text
    return resp.json['application_credential']


def test_client_credentials_grant(admin, demo, cred):
    resp = _post(admin, {'grant_type': 'client_credentials'},
                 cred['id'], cred['secret'])
    assert resp.status_int == 200, resp.text
    assert set(resp.json) == {'access_token', 'token_type', 'expires_in'}
    assert resp.json['token_type'] == 'Bearer'
    assert resp.json['expires_in'] == 3600
    # The access token is a keystone token on the credential's project.
    shown = admin.get(V3 + '/auth/tokens', headers={
        'X-Subject-Token': resp.json['access_token']}).json['token']
    assert shown['project']['id'] == demo['project_id']
    assert shown['methods'] == ['application_credential']
    # The form's client_id/client_secret work too.
    resp = _post(admin, {'grant_type': 'client_credentials',
                         'client_id': cred['id'],
                         'client_secret': cred['secret']})
    assert resp.status_int == 200, resp.text


def test_oauth2_refusals(admin, cred):
    _oauth_error(_post(admin, {}), 400, 'invalid_request',
                 'The parameter grant_type is required.')
    _oauth_error(_post(admin, {'grant_type': 'password'}), 400,
                 'unsupported_grant_type',
                 'The parameter grant_type password is not supported.')
    resp = _post(admin, {'grant_type': 'client_credentials'})
    _oauth_error(resp, 401, 'invalid_client',
                 'Client authentication failed.')
    assert resp.headers['WWW-Authenticate'].startswith('Keystone uri=')
    _oauth_error(_post(admin, {'grant_type': 'client_credentials',
                               'client_id': cred['id']}), 401,
                 'invalid_client', 'Client authentication failed.')
    _oauth_error(_post(admin, {'grant_type': 'client_credentials'},
                       cred['id'], 'wrong'), 401, 'invalid_client',
                 'The request you have made requires authentication.')
    _oauth_error(_post(admin, {'grant_type': 'client_credentials'},
                       'f' * 32, 'wrong'), 404, 'other_error',
                 'An unknown error occurred and failed to get an OAuth2.0 '
                 'access token.')
    # Mutual TLS: keystone's default mapping does not exist here.
    _oauth_error(_post(admin, {'grant_type': 'client_credentials',
                               'client_id': cred['id']},
                       environ={'SSL_CLIENT_CERT': 'PEM'}), 401,
                 'invalid_client', 'Client authentication failed.')
    for method in ('GET', 'PUT', 'PATCH', 'DELETE'):
        resp = admin.request(method, PATH, headers={'X-Auth-Token': ''})
        _oauth_error(resp, 405, 'other_error',
                     'The method is not allowed for the requested URL.')
