"""/v3/auth: tokens (issue, validate, check, revoke), and the caller's
catalog, projects and domains."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authenticate
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity import project_tags
from stratus.api.identity.schemas import auth as schemas
from stratus.api.identity.views import resources as views
from stratus.api.identity.views import tokens as token_views
from stratus.common import exception
from stratus.db.api import assignments
from stratus.db.api import catalog
from stratus.db.api import tokens


def _catalog(info, kwargs):
    """The catalog a token body carries (none for unscoped tokens or when
    the client asked ?nocatalog)."""
    if 'nocatalog' in kwargs:
        return None
    if not (info['project_id'] or info['domain_id']):
        return None
    return catalog.build(info['project_id'])


def _subject():
    """(subject token id, its data); the caller must be its owner or an
    admin. 404 when the subject token is not valid."""
    caller = authz.authenticated()
    subject = pecan.request.headers.get('X-Subject-Token')
    try:
        info = tokens.token_data(subject)
    except exception.NotAuthenticated:
        raise exception.TokenNotFound()
    if not (caller.is_admin or caller.user_id == info['user_id']):
        raise exception.ForbiddenAction(action='identity:validate_token')
    return subject, info


class TokensController(common.RestController):

    @pecan.expose()
    def post(self, **kwargs):
        auth = common.body(schemas.token_issue)['auth']
        token_id, info = authenticate.issue(auth)
        return wsgi.response(token_views.token(info, _catalog(info, kwargs)),
                             status=201, headers={'X-Subject-Token': token_id})

    @pecan.expose()
    def get_all(self, **kwargs):
        subject, info = _subject()
        return wsgi.response(token_views.token(info, _catalog(info, kwargs)),
                             headers={'X-Subject-Token': subject})

    @pecan.expose()
    def head(self, **kwargs):
        return self.get_all(nocatalog='')

    @pecan.expose()
    def delete(self, **kwargs):
        subject, _info = _subject()
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
