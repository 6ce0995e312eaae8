"""POST /v3/OS-OAUTH2/token: the OAuth 2.0 client credentials grant.

The client is an application credential (HTTP Basic id:secret, or
client_id/client_secret in the form); the access token is a keystone
token from it (use it as X-Auth-Token: the Bearer header is read by
keystonemiddleware's optional oauth2 filter, not by keystone's API).
Errors are OAuth2 bodies {"error", "error_description"}, keystone's.
Mutual-TLS client auth needs the `oauth2_mapping` mapping keystone looks
for by default; stratus has no TLS front, so a client certificate gets
keystone's answer without that mapping: 401 invalid_client."""
import base64
import binascii
import http.client

import pecan

from stratus.api import wsgi
from stratus.api.identity import authenticate
from stratus.common import exception
from stratus.common.conf import CONF

_CLIENT_FAILED = 'Client authentication failed.'


class OAuth2Failure(Exception):
    def __init__(self, code, error, description):
        super().__init__(description)
        self.code, self.error, self.description = code, error, description


def _answer(failure):
    resp = wsgi.response({'error': failure.error,
                          'error_description': failure.description},
                         status=failure.code)
    resp.status = '%d %s' % (failure.code,
                             http.client.responses[failure.code])
    return resp


def _basic_auth():
    """(username, password) of an HTTP Basic Authorization header."""
    header = pecan.request.headers.get('Authorization', '')
    kind, _sep, value = header.partition(' ')
    if kind.lower() != 'basic' or not value:
        return None, None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None, None
    user, sep, password = decoded.partition(':')
    return (user, password) if sep else (None, None)


def _form():
    try:
        return pecan.request.POST
    except Exception:  # an unparsable body is a body without fields
        return {}


def _token_for(client_id, client_secret):
    auth = {'identity': {'methods': ['application_credential'],
                         'application_credential': {
                             'id': client_id, 'secret': client_secret}}}
    try:
        _token_id, info = authenticate.issue(auth)
        return _token_id
    except exception.StratusException as exc:
        if exc.code == 401:
            raise OAuth2Failure(401, 'invalid_client', exc.message)
        if exc.code == 400:
            raise OAuth2Failure(400, 'invalid_request', exc.message)
        raise OAuth2Failure(
            exc.code if exc.code in http.client.responses else 500,
            'other_error', 'An unknown error occurred and failed to get '
            'an OAuth2.0 access token.')


def _grant():
    form = _form()
    grant_type = form.get('grant_type')
    if grant_type is None:
        raise OAuth2Failure(400, 'invalid_request',
                            'The parameter grant_type is required.')
    if grant_type != 'client_credentials':
        raise OAuth2Failure(400, 'unsupported_grant_type',
                            'The parameter grant_type %s is not supported.'
                            % grant_type)
    client_id = form.get('client_id')
    client_secret = form.get('client_secret')
    cert = pecan.request.environ.get('SSL_CLIENT_CERT')
    user, password = _basic_auth()
    if not cert and user is not None:
        client_id, client_secret = user, password
    if not client_id or cert or not client_secret:
        raise OAuth2Failure(401, 'invalid_client', _CLIENT_FAILED)
    token_id = _token_for(client_id, client_secret)
    return wsgi.response({'access_token': token_id, 'token_type': 'Bearer',
                          'expires_in': CONF.identity.token_expiration})


class OAuth2Root:

    @pecan.expose()
    def token(self, *rest, **kwargs):
        if rest:
            raise exception.NotFound('The resource could not be found.')
        try:
            if pecan.request.method != 'POST':
                raise OAuth2Failure(
                    405, 'other_error',
                    'The method is not allowed for the requested URL.')
            return _grant()
        except OAuth2Failure as failure:
            return _answer(failure)
