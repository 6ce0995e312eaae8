"""The "application_credential" auth method of POST /v3/auth/tokens.

The credential is named by id, or by name with its user (by id, or by
name with a domain). As in keystone an unknown id is a 404 (looked up
before anything is checked); a wrong secret, an expired credential, a
disabled user, or one who no longer holds any of the credential's roles
is the plain 401. The token is scoped to the credential's project and
may not ask for a scope.
"""
from stratus.common import exception
from stratus.db.api import application_credentials as app_creds
from stratus.db.api import identity

METHOD = 'application_credential'
_FIELD = 'auth/identity/application_credential'


def _invalid(field, reason):
    return exception.ValidationError(field=field, reason=reason)


def _user_id(user):
    """The id of the user a by-name lookup names; 401 when unknown."""
    if not isinstance(user, dict) or not (user.get('id') or user.get('name')):
        raise _invalid(_FIELD + '/user', 'Expecting to find id or name in '
                       'user.')
    if user.get('id'):
        return user['id']
    domain = user.get('domain')
    if not isinstance(domain, dict) or not (domain.get('id') or
                                            domain.get('name')):
        raise _invalid(_FIELD + '/user', 'Expecting to find domain in user.')
    try:
        return identity.find_user(
            name=user['name'], domain_id=domain.get('id'),
            domain_name=None if domain.get('id') else domain['name'])['id']
    except (exception.UserNotFound, exception.DomainNotFound):
        raise exception.NotAuthenticated()


def _credential_id(block):
    if block.get('id'):
        return block['id']
    if not block.get('name'):
        raise _invalid(_FIELD, 'Expecting to find name or ID in application '
                       'credential.')
    if 'user' not in block:
        raise _invalid(_FIELD, 'Expecting to find user in application '
                       'credential.')
    found = app_creds.list_for_user(_user_id(block['user']),
                                    name=block['name'])
    if len(found) != 1:
        raise exception.NotAuthenticated()
    return found[0]['id']


def refuse_scope(auth):
    if METHOD in auth['identity']['methods'] and 'scope' in auth:
        raise exception.ApplicationCredentialAuthError(
            detail='Application credentials cannot request a scope.')


def authenticate(block):
    """(user_id, credential dict) the block proves."""
    cred_id = _credential_id(block)
    cred = app_creds.get(cred_id)
    try:
        user = identity.find_user(user_id=cred['user_id'])
    except exception.UserNotFound:
        raise exception.NotAuthenticated()
    if not user['enabled']:
        raise exception.NotAuthenticated()
    cred = app_creds.authenticate(cred_id, block.get('secret'))
    return cred['user_id'], cred
