"""Authentication scoped to a trust ("scope": {"OS-TRUST:trust": {"id"}}):
the trustee gets a token on the trust's project carrying the trust's
roles, in the trustor's name when the trust impersonates. Keystone's
answers: an unusable trust (unknown, deleted, expired, out of uses) is a
401; a caller who is not the trustee, a disabled trustor or a trustor who
lost a delegated role is a 403 that does not say why."""
from stratus.common import exception
from stratus.db.api import identity
from stratus.db.api import tokens
from stratus.db.api import trusts

_TAIL = (' The server could not comply with the request since it is either '
         'malformed or otherwise incorrect. The client is assumed to be in '
         'error.')
KEYS = ('project', 'domain', 'unscoped', 'system', 'OS-TRUST:trust')


def scope_request(requested):
    """('trust', trust id) of a scope naming a trust, checked as keystone
    checks the scope document."""
    if sum(key in requested for key in KEYS) != 1:
        raise exception.ValidationError(
            'Expecting to find system, project, domain, OS-TRUST:trust or '
            'unscoped in scope.' + _TAIL)
    ref = requested['OS-TRUST:trust']
    if not isinstance(ref, dict) or not isinstance(ref.get('id', ''), str):
        raise exception.ValidationError(
            "Invalid input for field 'auth/scope/OS-TRUST:trust': "
            "Expected an object with a string id.")
    if not ref.get('id'):
        raise exception.ValidationError(
            'Expecting to find trust_id in trust.' + _TAIL)
    return 'trust', ref['id']


def refuse_rescoping(parent):
    """A token issued through a trust cannot make another token."""
    if parent is not None and parent.get('trust'):
        raise exception.ForbiddenAction(
            action='Using trust-scoped token to create another token. '
                   'Create a new trust-scoped token instead')


def _trust(trust_id):
    try:
        trust = trusts.trust_get(trust_id)
        if trust['project_id'] is not None:
            project = identity.project_get(trust['project_id'])
            if not project['enabled']:
                raise exception.NotAuthenticated()
        return trust
    except exception.NotFound:
        raise exception.NotAuthenticated()


def issue(trust_id, user_id, methods, parent):
    """(token id, token data) of a token through the trust for `user_id`
    (who authenticated with `methods`); one use of the trust consumed."""
    trust = _trust(trust_id)
    if user_id != trust['trustee_user_id']:
        raise exception.IdentityForbidden()
    try:
        token_id, info = tokens.issue(
            user_id, methods, project_id=trust['project_id'],
            parent=parent, trust_id=trust['id'])
    except exception.NotAuthenticated:
        # The trust no longer holds (trustor disabled, a role lost).
        raise exception.IdentityForbidden()
    trusts.consume_use(trust['id'])
    return token_id, info
