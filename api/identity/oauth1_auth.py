"""The "oauth1" auth method of POST /v3/auth/tokens: a request signed by
a consumer with an access token gets a token on the access token's
project, carrying the delegated roles the user still holds and
"OS-OAUTH1": {access_token_id, consumer_id}. Such a token cannot make
another one (keystone's 403)."""
from stratus.api.identity import oauth1
from stratus.api.identity import oauth1_signing as signing
from stratus.common import exception
from stratus.db.api import oauth1 as oauth_db
from stratus.db.api import tokens

METHOD = 'oauth1'


def refuse_rescoping(parent):
    if parent is not None and parent.get('oauth1'):
        raise exception.ForbiddenAction(
            action='Using OAuth-scoped token to create another token. '
                   'Create a new OAuth-scoped token instead')


def issue():
    """(token id, token data) for the signed request."""
    token_id = signing.oauth_headers().get('oauth_token')
    if not token_id:
        raise signing.missing('oauth_token')
    ref = oauth_db.access_token_get(token_id)
    if signing.expired(ref['expires_at']):
        raise oauth1.refused('Access token is expired')
    if not signing.resource_request_signed():
        raise oauth1.refused('Could not validate the access token')
    return tokens.issue(ref['authorizing_user_id'], [METHOD],
                        project_id=ref['project_id'],
                        access_token_id=ref['id'])
