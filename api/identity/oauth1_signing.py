"""OAuth1 (RFC 5849) request checks for OS-OAUTH1, done by oauthlib: the
validator below answers its questions from stratus's tables, with
keystone's rules (32-hex keys, 8-character verifiers, no SSL
enforcement, 'oob' callbacks, no realms, nonces not tracked)."""
import urllib.parse

from oauthlib import oauth1
from oauthlib.oauth1.rfc5849 import utils as oauth_utils
import pecan

from stratus.common import exception
from stratus.db.api import oauth1 as oauth_db

_HEX = set('abcdef0123456789')
_VALIDATION_TAIL = (' The server could not comply with the request since it '
                    'is either malformed or otherwise incorrect. The client '
                    'is assumed to be in error.')


def missing(attribute):
    """keystone's ValidationError(attribute, target='request')."""
    return exception.ValidationError(
        'Expecting to find %s in request.%s' % (attribute, _VALIDATION_TAIL))


def oauth_headers():
    """The oauth_* parameters of the Authorization header. Keystone
    answers a 500 without one; a 400 here (hostile input is a 4xx)."""
    header = pecan.request.headers.get('Authorization')
    if not header:
        raise missing('Authorization')
    try:
        return dict(oauth_utils.parse_authorization_header(header))
    except (ValueError, TypeError):
        raise exception.ValidationError(
            'Invalid Authorization header.' + _VALIDATION_TAIL)


def _found(getter, *args):
    try:
        return getter(*args)
    except exception.NotFound:
        return None


class Validator(oauth1.RequestValidator):

    enforce_ssl = False

    @property
    def safe_characters(self):
        return _HEX

    def _hex32(self, value):
        return set(value) <= _HEX and len(value) == 32

    check_client_key = check_request_token = check_access_token = _hex32

    def check_nonce(self, nonce):
        return set(nonce) <= _HEX

    def check_verifier(self, verifier):
        return len(verifier) == 8 and all(
            c in oauth_db.VERIFIER_CHARS for c in verifier)

    # Stand-ins oauthlib signs with when a key is unknown (so timing does
    # not tell); they never match a real secret.
    dummy_client = dummy_request_token = dummy_access_token = '0' * 32

    def get_client_secret(self, client_key, request):
        consumer = _found(oauth_db.consumer_get, client_key, True)
        return consumer['secret'] if consumer else 'x'

    def get_request_token_secret(self, client_key, token, request):
        ref = _found(oauth_db.request_token_get, token)
        return ref['request_secret'] if ref else 'x'

    def get_access_token_secret(self, client_key, token, request):
        ref = _found(oauth_db.access_token_get, token)
        return ref['access_secret'] if ref else 'x'

    def get_default_realms(self, client_key, request):
        return []

    def get_realms(self, token, request):
        return []

    def get_redirect_uri(self, token, request):
        return 'oob'

    def validate_client_key(self, client_key, request):
        return _found(oauth_db.consumer_get, client_key) is not None

    def validate_request_token(self, client_key, token, request):
        ref = _found(oauth_db.request_token_get, token)
        return ref is not None and ref['consumer_id'] == client_key

    def validate_access_token(self, client_key, token, request):
        return _found(oauth_db.access_token_get, token) is not None

    def validate_verifier(self, client_key, token, verifier, request):
        ref = _found(oauth_db.request_token_get, token)
        return ref is not None and ref['verifier'] == verifier

    def validate_timestamp_and_nonce(self, *args, **kwargs):
        return True

    def validate_redirect_uri(self, client_key, redirect_uri, request):
        return True

    def validate_requested_realms(self, client_key, realms, request):
        return True

    def validate_realms(self, *args, **kwargs):
        return True

    def verify_request_token(self, token, request):
        return isinstance(token, str)

    def verify_realms(self, token, realms, request):
        return True

    # Tokens are stored by the controllers, not through oauthlib.
    def save_request_token(self, token, request):
        pass

    def save_access_token(self, token, request):
        pass

    def save_verifier(self, token, verifier, request):
        pass

    def invalidate_request_token(self, client_key, request_token, request):
        pass


def _generator(*args, **kwargs):
    return 'unused'


def _headers():
    return dict(pecan.request.headers)


def _url(path_only=False):
    request = pecan.request
    if path_only:
        return request.host_url + request.script_name + request.path_info
    return request.url


def _check_body(body):
    """Keystone refuses oauthlib's error answers and any parameter that is
    not an oauth_ one."""
    params = urllib.parse.parse_qsl(body) if body else []
    others = dict((k, v) for k, v in params if not k.startswith('oauth_'))
    if 'error' in others:
        raise exception.ValidationError(
            'Validation failed with errors: %s, detail message is: %s.'
            % (others['error'], others.get('error_description')))
    if others:
        raise exception.ValidationError(
            'Unknown parameters found,please provide only oauth parameters.')


def request_token_signed(project_id):
    """Whether the request for a request token is signed by its consumer;
    oauthlib's refusals of a malformed one are 400s."""
    headers = _headers()
    headers['Requested-Project-Id'] = project_id
    endpoint = oauth1.RequestTokenEndpoint(Validator(), _generator)
    _h, body, _s = endpoint.create_request_token_response(
        _url(), http_method='POST', headers=headers)
    if not body:
        return False
    _check_body(body)
    return True


def access_token_signed():
    endpoint = oauth1.AccessTokenEndpoint(Validator(), _generator)
    _h, body, _s = endpoint.create_access_token_response(
        _url(), http_method='POST', headers=_headers())
    if not body:
        return False
    _check_body(body)
    return True


def resource_request_signed():
    """Whether POST /v3/auth/tokens is signed with an access token."""
    endpoint = oauth1.ResourceEndpoint(Validator(), _generator)
    valid, _request = endpoint.validate_protected_resource_request(
        _url(path_only=True), http_method='POST', headers=_headers(),
        realms=None)
    return valid


def expired(expires_at):
    return expires_at is not None and expires_at < oauth_db.now()
