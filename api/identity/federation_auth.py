"""Federated authentication as keystone 30 answers it when no external
identity provider is in front of it: no assertion, no REMOTE_USER, no
entity id in the environment, no trusted dashboard, and no SAML2 signing
key or IdP metadata file. Each route gives keystone's status and message
for that situation (keystone/api/auth.py, os_federation.py,
auth/plugins/mapped.py), checked in keystone's order; nothing is a bare
404.

Also /v3/auth/OS-FEDERATION (websso, saml2, saml2/ecp), mounted on the
auth controller in root.py."""
import urllib.parse

import pecan

from stratus.api.identity import common
from stratus.api.identity.schemas import federation as schemas
from stratus.common import exception
from stratus.db.api import federation as db
from stratus.db.api import tokens

_EXPECTING = ('Expecting to find %s in %s. The server could not comply with '
              'the request since it is either malformed or otherwise '
              'incorrect. The client is assumed to be in error.')
# What keystone's other default auth methods say about a federated
# auth payload ({identity_provider, protocol}) with nothing else.
_PLUGIN_REFUSALS = {
    'password': exception.ValidationError(_EXPECTING % ('user', 'password')),
    'token': exception.ValidationError(_EXPECTING % ('id', 'token')),
    'application_credential': exception.ValidationError(
        _EXPECTING % ('id or name', 'application credential')),
    'oauth1': exception.ValidationError(
        _EXPECTING % ('oauth_token', 'request')),
    'external': exception.NotAuthenticated('No authenticated user'),
}
_NO_ASSERTION = ('Could not map any federated user properties to identity '
                 'values. Check debug logs or the mapping used for '
                 'additional details.')


def json_body():
    """keystone reads a missing body as {} where it validates by hand."""
    return common.json_body()


def _enabled_idp(idp_id):
    idp = db.idp_get(idp_id)
    if idp['enabled'] is not True:
        raise exception.Forbidden('Identity Provider %s is disabled'
                                  % idp_id)
    return idp


def _mapped(idp_id, protocol_id):
    """keystone's `mapped` method with an empty assertion: the IdP must
    exist and be enabled and the protocol exist; then the IdP's remote id
    (when the IdP lists some and the protocol names the attribute) or
    else the mapping finds nothing to map: 401."""
    idp = _enabled_idp(idp_id)
    protocol = db.protocol_get(idp_id, protocol_id)
    if protocol['remote_id_attribute'] and idp['remote_ids']:
        raise exception.NotAuthenticated(
            'Could not find Identity Provider identifier in environment')
    db.mapping_get(protocol['mapping_id'])
    # Every mapping rule needs at least one remote attribute; none came.
    raise exception.NotAuthenticated(_NO_ASSERTION)


def mapped_method(payload):
    """POST /v3/auth/tokens with method `mapped` (always refuses)."""
    payload = payload if isinstance(payload, dict) else {}
    if 'id' in payload:
        # Rescoping a federated token; an invalid one is refused as the
        # token method refuses it. No token here is federated: keystone
        # looks for the IdP of a token that has none.
        tokens.token_data(payload['id'])
        raise exception.IdentityProviderNotFound('None')
    for key in ('identity_provider', 'protocol'):
        if key not in payload:
            raise exception.ValidationError(_EXPECTING % (key, 'mapped'))
    _mapped(str(payload['identity_provider']), str(payload['protocol']))


def authenticate(idp_id, protocol_id):
    """GET/POST /v3/OS-FEDERATION/identity_providers/{idp}/protocols/
    {protocol}/auth: keystone authenticates with method `protocol`."""
    common.require_method('GET', 'HEAD', 'POST')
    if protocol_id == 'mapped':
        _mapped(idp_id, protocol_id)
    if protocol_id in _PLUGIN_REFUSALS:
        raise _PLUGIN_REFUSALS[protocol_id]
    raise exception.NotAuthenticated(
        'Attempted to authenticate with an unsupported method.')


def idp_metadata():
    """keystone reads [saml] idp_metadata_path; none is generated here,
    and keystone answers an unreadable file with a 500."""
    raise exception.UnexpectedServerError()


def _websso(protocol_id):
    """The entity id comes from the environment under the protocol's
    remote_id_attribute; no front end sets one here."""
    common.require_method('GET', 'HEAD', 'POST')
    raise exception.NotAuthenticated('Missing entity ID from environment')


def _websso_idp(idp_id, protocol_id, kwargs):
    """The origin dashboard is checked first; stratus trusts none (as
    keystone's empty [federation] trusted_dashboard)."""
    common.require_method('GET', 'HEAD', 'POST')
    origin = kwargs.get('origin')
    if isinstance(origin, list):
        origin = origin[0]
    if not origin:
        raise exception.ValidationError(
            'Request must have an origin query parameter')
    host = urllib.parse.unquote_plus(origin)
    raise exception.NotAuthenticated('%s is not a trusted dashboard host'
                                     % host)


def _saml(kwargs):
    """POST saml2 and saml2/ecp: the body, the service provider, the
    token (project-scoped) in keystone's order; then signing, which is
    not configured: keystone's 500."""
    common.require_method('POST')
    # keystone's older validator, on the `auth` member (None when absent).
    auth = common.check_value(schemas.saml_create['properties']['auth'],
                              json_body().get('auth'))
    sp = db.sp_get(auth['scope']['service_provider']['id'])
    if sp['enabled'] is not True:
        raise exception.Forbidden('Service Provider %s is disabled'
                                  % sp['id'])
    try:
        info = tokens.token_data(auth['identity']['token']['id'])
    except exception.NotAuthenticated:
        raise exception.TokenNotFound()
    if not info.get('project_id'):
        raise exception.ForbiddenAction(
            action='Use a project scoped token when attempting to create '
                   'a SAML assertion')
    raise exception.UnexpectedServerError()


class AuthFederationController:
    """/v3/auth/OS-FEDERATION/..."""

    @pecan.expose()
    def _default(self, *parts, **kwargs):
        parts = [p for p in parts if p]
        if parts in (['saml2'], ['saml2', 'ecp']):
            return _saml(kwargs)
        if len(parts) == 2 and parts[0] == 'websso':
            return _websso(parts[1])
        if len(parts) == 5 and parts[0] == 'identity_providers' and \
                parts[2] == 'protocols' and parts[4] == 'websso':
            return _websso_idp(parts[1], parts[3], kwargs)
        raise exception.NotFound('The resource could not be found.')
