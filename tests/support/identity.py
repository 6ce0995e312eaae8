"""Helpers of the identity tests (plain functions and constants)."""

V3 = '/identity/v3'
ADMIN_PASSWORD = 'admin-secret'
DEMO_PASSWORD = 'demo-secret'
PUBLIC_URL = 'http://localhost/identity'


def password_auth(name, password, project=None, domain='Default',
                  scope=None):
    """A POST /v3/auth/tokens body for a user by name in a domain by name."""
    body = {'auth': {'identity': {'methods': ['password'], 'password': {
        'user': {'name': name, 'domain': {'name': domain},
                 'password': password}}}}}
    if project is not None:
        body['auth']['scope'] = {'project': {'name': project,
                                             'domain': {'name': domain}}}
    if scope is not None:
        body['auth']['scope'] = scope
    return body


def issue(client, body):
    """POST the body without the client's own token."""
    return client.post(V3 + '/auth/tokens', body,
                       headers={'X-Auth-Token': ''})


def token_for(client, name, password, project):
    resp = issue(client, password_auth(name, password, project))
    assert resp.status_int == 201, resp.text
    return resp.headers['X-Subject-Token']


def as_token(token):
    return {'X-Auth-Token': token}


def keystone_error(resp, code, message=None):
    """A keystone fault: the status, {"error": {code, message, title}}
    and, when given, the exact message (returned)."""
    assert resp.status_int == code, resp.text
    body = resp.json
    assert set(body) == {'error'}, body
    assert set(body['error']) == {'code', 'message', 'title'}
    assert body['error']['code'] == code
    if message is not None:
        assert body['error']['message'] == message
    return body['error']['message']
