"""/v3/users/{user_id}/application_credentials and .../access_rules.

keystone's policy: a user creates credentials for themselves only, on the
project their token is scoped to, with a subset of that token's roles;
the owner or an admin lists, shows and deletes them (a credential's owner
is read from the credential, not from the path). Access rules are the
owner's alone. A token issued from a restricted credential may not create
or delete credentials.
"""
import datetime
import secrets

import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.schemas import application_credentials as schemas
from stratus.api.identity.views import application_credentials as views
from stratus.api.identity.schemas import query_strings
from stratus.common import exception
from stratus.db.api import application_credentials as app_creds
from stratus.db.api import assignments
from stratus.db.api import tokens


def token_credential(ctxt):
    """The application credential the caller's token came from, or None
    ({id, name, unrestricted, role_ids, access_rules})."""
    info = tokens.token_data(ctxt.auth_token)
    if 'application_credential' not in info['methods']:
        return None
    return info.get('application_credential')


def _not_delegated(ctxt):
    """keystone 30: a token through a trust or an OS-OAUTH1 access token
    never manages application credentials (one would outlive the
    delegation); its 403 does not say why."""
    info = tokens.token_data(ctxt.auth_token)
    if info.get('trust') or info.get('oauth1'):
        raise exception.IdentityForbidden()
    return ctxt


def _check_unrestricted(ctxt):
    cred = token_credential(ctxt)
    if cred is not None and not cred['unrestricted']:
        raise exception.ForbiddenAction(
            action="Using method 'application_credential' is not allowed "
                   "for managing additional application credentials.")


def _secret():
    # 64 random bytes, url-safe base64 without padding (keystone's shape).
    return secrets.token_urlsafe(64)


def _expiry(value):
    """keystone's parse of expires_at: ISO 8601, UTC when no offset is
    given; 400 when malformed or already past."""
    if not value:
        return None
    text = value[:-1] + '+00:00' if value.endswith(('Z', 'z')) else value
    try:
        parsed = datetime.datetime.fromisoformat(text)
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(datetime.timezone.utc).replace(
                tzinfo=None)
    except (ValueError, OverflowError):
        raise exception.ValidationTimeStampError()
    if parsed <= tokens.now():
        raise exception.ValidationExpirationError()
    return parsed


def _check_rules(rules):
    """A new rule (one not named by id) needs service, path and method."""
    for index, rule in enumerate(rules):
        if rule.get('id'):
            continue
        for key in ('service', 'path', 'method'):
            if key not in rule:
                field = 'application_credential/access_rules/%d' % index
                reason = "'%s' is a required property" % key
                raise exception.ValidationError(
                    "Invalid input for field '%s': %s" % (field, reason),
                    field=field, reason=reason)


def _role_ids(requested, token_role_ids):
    """The credential's roles: those named (each adding the roles it
    implies), all of the token's when none are named. Every one must be in
    the caller's token."""
    if not requested:
        return list(token_role_ids)
    ids = []
    for ref in requested:
        if 'id' in ref:
            ids.append(ref['id'])
        else:
            found = assignments.role_list(name=ref['name'])
            if not found:
                raise exception.RoleNotFound(ref['name'])
            ids.append(found[0]['id'])
    ids = list(dict.fromkeys(
        ids + sorted(app_creds.with_implied(ids) - set(ids))))
    for role_id in ids:
        if role_id not in token_role_ids:
            raise exception.ApplicationCredentialValidationError(
                detail='Cannot create an application credential with '
                       'unassigned role')
    return ids


class AppCredentialsController(common.RestController):

    @pecan.expose()
    def get_all(self, user_id, **kwargs):
        common.query(query_strings.application_credentials, kwargs)
        _not_delegated(authz.admin_or_self('list_application_credentials',
                                           user_id))
        rows = app_creds.list_for_user(
            user_id, name=wsgi.query_value(kwargs, 'name'))
        return wsgi.response(common.collection(
            'application_credentials',
            [views.application_credential(r) for r in rows],
            'users/%s/application_credentials' % user_id))

    def _owned(self, action, user_id, cred_id):
        """The caller's context once allowed; the owner comes from the
        credential (keystone closes the path-user loophole this way)."""
        owner = app_creds.owner(cred_id) or user_id
        return authz.admin_or_self(action, owner)

    @pecan.expose()
    def get_one(self, user_id, cred_id, **kwargs):
        _not_delegated(self._owned('get_application_credential', user_id,
                                   cred_id))
        return wsgi.response({'application_credential':
                              views.application_credential(
                                  app_creds.get(cred_id))})

    @pecan.expose()
    def post(self, user_id, **kwargs):
        body = common.body(schemas.application_credential_create)[
            'application_credential']
        ctxt = authz.authenticated()
        if ctxt.user_id != user_id:
            raise exception.ForbiddenAction(
                action='identity:create_application_credential')
        _not_delegated(ctxt)
        _check_unrestricted(ctxt)
        _check_rules(body.get('access_rules') or ())
        if not ctxt.project_id:
            raise exception.ForbiddenAction(
                action='A project-scoped token is required to create an '
                       'application credential.')
        info = tokens.token_data(ctxt.auth_token)
        role_ids = _role_ids(body.get('roles'),
                             [r['id'] for r in info['role_refs']])
        secret = body.get('secret') or _secret()
        values = {'name': body['name'],
                  'description': body.get('description'),
                  'user_id': user_id, 'project_id': ctxt.project_id,
                  'expires_at': _expiry(body.get('expires_at')),
                  'unrestricted': body.get('unrestricted')}
        row = app_creds.create(values, role_ids, body.get('access_rules'),
                               secret)
        return common.created({'application_credential':
                               views.application_credential(row, secret)})

    @pecan.expose()
    def delete(self, user_id, cred_id, **kwargs):
        ctxt = self._owned('delete_application_credential', user_id,
                           cred_id)
        _not_delegated(ctxt)
        _check_unrestricted(ctxt)
        app_creds.delete(cred_id)
        return common.no_content()


def _owner_only(action, user_id):
    ctxt = authz.authenticated()
    if ctxt.user_id != user_id:
        raise exception.ForbiddenAction(action='identity:%s' % action)
    return ctxt


class AccessRulesController(common.RestController):

    @pecan.expose()
    def get_all(self, user_id, **kwargs):
        common.query(query_strings.access_rules, kwargs)
        _not_delegated(_owner_only('list_access_rules', user_id))
        rows = app_creds.rule_list(user_id, **{
            key: wsgi.query_value(kwargs, key)
            for key in ('service', 'path', 'method')})
        return wsgi.response(common.collection(
            'access_rules', [views.access_rule(r) for r in rows],
            'users/%s/access_rules' % user_id))

    @pecan.expose()
    def get_one(self, user_id, rule_id, **kwargs):
        _not_delegated(_owner_only('get_access_rule', user_id))
        return wsgi.response({'access_rule': views.access_rule(
            app_creds.rule_get(user_id, rule_id))})

    @pecan.expose()
    def delete(self, user_id, rule_id, **kwargs):
        _not_delegated(_owner_only('delete_access_rule', user_id))
        app_creds.rule_delete(user_id, rule_id)
        return common.no_content()
