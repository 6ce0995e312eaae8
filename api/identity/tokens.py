"""/v3/auth: tokens (issue, validate, check, revoke), and the caller's
catalog, projects, domains and system."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authenticate
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity import project_tags
from stratus.api.identity import request_wording
from stratus.api.identity.schemas import auth as schemas
from stratus.api.identity.schemas import token_request
from stratus.api.identity.views import resources as views
from stratus.api.identity.views import tokens as token_views
from stratus.common import exception
from stratus.db.api import assignments
from stratus.db.api import catalog
from stratus.db.api import federation
from stratus.db.api import system_assignments
from stratus.db.api import tokens


def _catalog(info, kwargs):
    """The catalog a token body carries (none for unscoped tokens or when
    the client asked ?nocatalog)."""
    if 'nocatalog' in kwargs:
        return None
    if not (info['project_id'] or info['domain_id'] or
            info.get('system_scope')):
        return None
    return catalog.build(info['project_id'])


def _subject(action='validate_token'):
    """(subject token id, its data); the caller must be its owner or an
    admin (or, except to revoke it, a system reader). 404 when the subject
    token is not valid."""
    caller = authz.authenticated()
    subject = pecan.request.headers.get('X-Subject-Token')
    try:
        info = tokens.token_data(subject)
    except exception.NotAuthenticated:
        raise exception.TokenNotFound()
    reader = action != 'revoke_token' and authz.is_system_reader(caller)
    if not (caller.is_admin or reader or caller.user_id == info['user_id']):
        raise exception.ForbiddenAction(action='identity:%s' % action)
    _check_access_rules_support(info)
    return subject, info


def _check_access_rules_support(info):
    """keystone will not validate a token carrying access rules for a
    caller that does not say it enforces them (an old middleware)."""
    cred = info.get('application_credential')
    if not (cred and cred['access_rules']):
        return
    version = pecan.request.headers.get('OpenStack-Identity-Access-Rules')
    try:
        supported = version is not None and float(version) >= 1.0
    except ValueError:
        supported = False
    if not supported:
        raise exception.TokenNotFound('Failed to validate token')


def _issue_request():
    """The `auth` member, checked as keystone checks it (its schema and
    its explicit id-or-name rules, paths relative to `auth`), then against
    stratus's stricter limits (lengths, method blocks) so that nothing odd
    reaches the authenticator."""
    doc = common.json_body()
    if not isinstance(doc, dict) or doc.get('auth') is None:
        # keystone skips its schema then and its AuthInfo refuses.
        raise exception.UnknownReference(attribute='auth',
                                         target='request body')
    auth = common.check_value(token_request.auth, doc['auth'])
    path = token_request.missing_id_or_name(auth)
    if path:
        raise exception.ValidationError(
            'Invalid input for field %s: id or name must be present.' % path,
            field=path, reason='id or name must be present.')
    return request_wording.stratus_limits(
        schemas.token_issue['properties']['auth'], auth)


class TokensController(common.RestController):

    @pecan.expose()
    def post(self, **kwargs):
        auth = _issue_request()
        try:
            token_id, info = authenticate.issue(auth)
        except exception.ApplicationCredentialAuthError as exc:
            # An auth plugin's 401: keystone adds the methods it offers.
            return wsgi.response({'error': {
                'code': 401, 'title': 'Unauthorized', 'message': exc.message,
                'identity': {'methods': list(authenticate.METHODS)}}},
                status=401)
        return wsgi.response(
            token_views.token(info, _catalog(info, kwargs),
                              federation.enabled_sps()),
            status=201, headers={'X-Subject-Token': token_id})

    @pecan.expose()
    def get_all(self, **kwargs):
        subject, info = _subject()
        return wsgi.response(
            token_views.token(info, _catalog(info, kwargs),
                              federation.enabled_sps()),
            headers={'X-Subject-Token': subject})

    @pecan.expose()
    def head(self, **kwargs):
        return self.get_all(nocatalog='')

    @pecan.expose()
    def delete(self, **kwargs):
        subject, _info = _subject('revoke_token')
        tokens.revoke(subject)
        return common.no_content()


class AuthController:
    tokens = TokensController()

    @pecan.expose()
    def catalog(self, **kwargs):
        common.require_method('GET', 'HEAD')
        ctxt = authz.authenticated()
        if not (ctxt.project_id or ctxt.domain_id):
            raise exception.Forbidden('A project-scoped token is required '
                                      'to produce a service catalog.')
        return wsgi.response(common.collection(
            'catalog', catalog.build(ctxt.project_id), 'auth/catalog'))

    @pecan.expose()
    def projects(self, **kwargs):
        common.require_method('GET', 'HEAD')
        ctxt = authz.authenticated()
        rows = project_tags.with_tags(
            assignments.user_projects(ctxt.user_id, enabled_only=True))
        return wsgi.response(common.collection(
            'projects', [views.project(r) for r in rows], 'auth/projects'))

    @pecan.expose()
    def domains(self, **kwargs):
        common.require_method('GET', 'HEAD')
        ctxt = authz.authenticated()
        rows = assignments.user_domains(ctxt.user_id, enabled_only=True)
        return wsgi.response(common.collection(
            'domains', [views.domain(r) for r in rows], 'auth/domains'))

    @pecan.expose()
    def system(self, **kwargs):
        """The system scopes the caller may ask for. Keystone counts the
        user's own system grants here (group ones only for federated
        tokens, which stratus does not issue)."""
        common.require_method('GET', 'HEAD')
        ctxt = authz.authenticated()
        found = system_assignments.user_has_direct_grant(ctxt.user_id)
        return wsgi.response({
            'system': [{'all': True}] if found else [],
            'links': common.self_link('auth/system')})
