"""/v3/OS-TRUST/trusts: create (the caller must be the trustor and hold
the delegated roles on the project), list (filters trustor_user_id,
trustee_user_id), show, delete, and the trust's roles. Keystone's default
policies: admin, or the trustor (and the trustee for reading)."""
import datetime

import pecan

from stratus.api import wsgi
from stratus.api.identity import application_credentials as app_creds
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.schemas import trusts as schemas
from stratus.api.identity.views import trusts as views
from stratus.api.identity.schemas import query_strings
from stratus.common import exception
from stratus.db.api import assignments
from stratus.db.api import identity
from stratus.db.api import tokens
from stratus.db.api import trusts

_VALIDATION_TAIL = (' The server could not comply with the request since it '
                    'is either malformed or otherwise incorrect. The client '
                    'is assumed to be in error.')


def _no_application_credential(ctxt):
    """keystone 30 keeps every application credential token, restricted
    or not, away from trusts (a credential must not widen its one
    project through delegation)."""
    if app_creds.token_credential(ctxt) is not None:
        raise exception.ForbiddenAction(
            action="Using method 'application_credential' is not allowed "
                   "for managing trusts.")


def _allowed(action, *user_ids):
    """Admin, or one of the users named (trustor, trustee); never through
    an application credential."""
    ctxt = authz.authenticated()
    if not (ctxt.is_admin or ctxt.user_id in user_ids):
        raise exception.ForbiddenAction(action='identity:%s' % action)
    _no_application_credential(ctxt)
    return ctxt


def _readable(action, trust_id):
    """The trust (404 before 403, as keystone) for its trustor, trustee
    or an admin."""
    trust = trusts.trust_get(trust_id)
    _allowed(action, trust['trustor_user_id'], trust['trustee_user_id'])
    return trust


def _role_rows(trust):
    """The trust's roles that still exist."""
    ids = [r['id'] for r in trust['roles']]
    return assignments.role_list(ids=ids) if ids else []


def parse_expiry(value):
    """keystone's expires_at: ISO 8601 (UTC when no zone), not past."""
    text = value[:-1] if value.endswith('Z') else value
    try:
        when = datetime.datetime.fromisoformat(text)
    except ValueError:
        when = None
    if when is None or when.tzinfo is not None or 'T' not in text:
        raise exception.ValidationError(
            'Timestamp not in expected format.' + _VALIDATION_TAIL)
    if when < tokens._utcnow():
        raise exception.ValidationError(
            "The 'expires_at' must not be before now." + _VALIDATION_TAIL)
    return when


def _role_refs(roles):
    """[{id}] of the requested roles; a name must be a global role."""
    refs = []
    for role in roles:
        if role.get('id'):
            refs.append({'id': role['id']})
            continue
        found = assignments.role_list(name=role['name'])
        if not found:
            raise exception.RoleNotFound(role['name'])
        refs.append({'id': found[0]['id']})
    return refs


def _caller_trust():
    """The trust the caller's token was issued through, or None."""
    token = pecan.request.headers.get('X-Auth-Token')
    try:
        info = tokens.token_data(token)
    except exception.NotAuthenticated:
        return None
    return info.get('trust')


def _no_oauth_redelegation():
    """A token from an OS-OAUTH1 access token is delegated, but not by a
    trust: keystone refuses to redelegate it."""
    token = pecan.request.headers.get('X-Auth-Token')
    if tokens.token_data(token).get('oauth1'):
        raise exception.ForbiddenAction(
            action='Redelegation allowed for delegated by trust only')


def _check_trustor_roles(trust, parent):
    if not trust.get('project_id'):
        held = set()
    else:
        identity.project_get(trust['project_id'])
        trustor = trust['trustor_user_id']
        if parent is not None:
            trustor = trusts.pedigree(parent['id'])[-1]['trustor_user_id']
        held = trusts.trustor_role_ids(trustor, trust['project_id'])
    for role in trust['roles']:
        if role['id'] not in held:
            raise exception.RoleNotFound(role['id'])


class TrustRolesController(common.RestController):

    @pecan.expose()
    def get_all(self, trust_id, **kwargs):
        trust = _readable('list_roles_for_trust', trust_id)
        return wsgi.response({
            'roles': [views.resources.role(r) for r in _role_rows(trust)],
            'links': views.roles_links(trust_id)})

    @pecan.expose()
    def get_one(self, trust_id, role_id, **kwargs):
        trust = _readable('get_role_for_trust', trust_id)
        if role_id not in {r['id'] for r in trust['roles']}:
            raise exception.RoleNotFound(role_id)
        return wsgi.response({'role': views.resources.role(
            assignments.role_get(role_id))})


class TrustsController(common.RestController):
    roles = TrustRolesController()

    @pecan.expose()
    def get_all(self, **kwargs):
        common.query(query_strings.trusts, kwargs)
        trustor = wsgi.query_value(kwargs, 'trustor_user_id')
        trustee = wsgi.query_value(kwargs, 'trustee_user_id')
        if trustor:
            _allowed('list_trusts_for_trustor', trustor)
            rows = trusts.trust_list(trustor_user_id=trustor)
        elif trustee:
            _allowed('list_trusts_for_trustee', trustee)
            rows = trusts.trust_list(trustee_user_id=trustee)
        else:
            _no_application_credential(
                authz.admin_or_system_reader('list_trusts'))
            # Any other query lists nothing, as keystone answers.
            rows = [] if pecan.request.query_string else trusts.trust_list()
        return wsgi.response(common.collection(
            'trusts', [views.trust(r) for r in rows], 'OS-TRUST/trusts'))

    @pecan.expose()
    def get_one(self, trust_id, **kwargs):
        trust = _readable('get_trust', trust_id)
        return wsgi.response({'trust': views.trust(trust, _role_rows(trust))})

    @pecan.expose()
    def post(self, **kwargs):
        trust = common.body(schemas.trust_create)['trust']
        ctxt = authz.authenticated()
        if ctxt.user_id != trust['trustor_user_id']:
            raise exception.ForbiddenAction(action='identity:create_trust')
        _no_application_credential(ctxt)
        if trust.get('project_id') and not trust.get('roles'):
            raise exception.ForbiddenAction(
                action='At least one role should be specified')
        identity.user_get(trust['trustee_user_id'])
        trust['roles'] = _role_refs(trust.get('roles') or [])
        _no_oauth_redelegation()
        caller_trust = _caller_trust()
        parent = trusts.trust_get(caller_trust['id']) if caller_trust \
            else None
        _check_trustor_roles(trust, parent)
        if trust.get('expires_at') is not None:
            trust['expires_at'] = parse_expiry(trust['expires_at'])
        row = trusts.trust_create(trust, parent)
        return common.created({'trust': views.trust(row, _role_rows(row))})

    @pecan.expose()
    def delete(self, trust_id, **kwargs):
        trust = trusts.trust_get(trust_id)
        _allowed('delete_trust', trust['trustor_user_id'])
        trusts.trust_delete(trust_id)
        return common.no_content()


class TrustRoot:
    trusts = TrustsController()
