"""/v3/users/{user_id}/OS-OAUTH1/access_tokens[/{id}[/roles[/{role_id}]]]:
the access tokens a user authorized, their delegated roles, revocation.
Keystone's defaults: admin only (deleting: admin or the owner), and
never with a delegated token."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity import oauth1
from stratus.common import exception
from stratus.db.api import assignments
from stratus.db.api import oauth1 as oauth_db

DELEGATED = ('Cannot manage OAuth access tokens with a token issued via '
             'delegation.')


def _path(user_id, token_id=''):
    path = 'users/%s/OS-OAUTH1/access_tokens' % user_id
    return path + ('/' + token_id if token_id else '')


def _view(ref):
    base = '%s/%s' % (common.base_url(), _path(ref['authorizing_user_id'],
                                                  ref['id']))
    expires = ref['expires_at']
    return {'id': ref['id'], 'consumer_id': ref['consumer_id'],
            'project_id': ref['project_id'],
            'authorizing_user_id': ref['authorizing_user_id'],
            'expires_at': None if expires is None else
            expires.strftime('%Y-%m-%dT%H:%M:%S.%fZ'),
            'links': {'self': base, 'roles': base + '/roles'}}


def _role_view(role_id):
    role = assignments.role_get(role_id)
    return {'id': role['id'], 'name': role['name'],
            'domain_id': role['domain_id'],
            'links': common.self_link('roles/%s' % role['id'])}


def _not_delegated(ctxt):
    if oauth1.delegated(ctxt):
        raise exception.IdentityForbidden(DELEGATED)


def _owned(user_id, token_id):
    """The access token, 404 when another user authorized it."""
    ref = oauth_db.access_token_get(token_id)
    if ref['authorizing_user_id'] != user_id:
        # keystone raises a bare NotFound: its template shows unfilled.
        raise exception.NotFound('Could not find: %(target)s.')
    return ref


class AccessTokenRolesController(common.RestController):

    @pecan.expose()
    def get_all(self, user_id, token_id, **kwargs):
        authz.admin('list_access_token_roles')
        ref = _owned(user_id, token_id)
        return wsgi.response(common.collection(
            'roles', [_role_view(r) for r in sorted(ref['role_ids'])],
            _path(user_id, token_id) + '/roles'))

    @pecan.expose()
    def get_one(self, user_id, token_id, role_id, **kwargs):
        authz.admin('get_access_token_role')
        ref = oauth_db.access_token_get(token_id)
        if ref['authorizing_user_id'] != user_id:
            # keystone: 'User IDs do not match', a 401 that never says so.
            raise exception.NotAuthenticated()
        if role_id not in ref['role_ids']:
            raise exception.RoleNotFound(role_id)
        return wsgi.response({'role': _role_view(role_id)})


class AccessTokensController(common.RestController):
    roles = AccessTokenRolesController()

    @pecan.expose()
    def get_all(self, user_id, **kwargs):
        _not_delegated(authz.admin('list_access_tokens'))
        return wsgi.response(common.collection(
            'access_tokens',
            [_view(r) for r in oauth_db.access_token_list(user_id)],
            _path(user_id)))

    @pecan.expose()
    def get_one(self, user_id, token_id, **kwargs):
        _not_delegated(authz.admin('get_access_token'))
        return wsgi.response({'access_token': _view(
            _owned(user_id, token_id))})

    @pecan.expose()
    def delete(self, user_id, token_id, **kwargs):
        # keystone checks ec2_delete_credential here: admin or the owner.
        ctxt = authz.authenticated()
        if not (ctxt.is_admin or ctxt.user_id == user_id):
            raise exception.ForbiddenAction(
                action='identity:ec2_delete_credential')
        _not_delegated(ctxt)
        oauth_db.access_token_delete(user_id, token_id)
        return common.no_content()


class UserOAuth1Controller(common.RestController):
    """Only a path segment: /users/{id}/OS-OAUTH1."""
    access_tokens = AccessTokensController()

    @pecan.expose()
    def get_all(self, user_id, **kwargs):
        raise exception.NotFound('The resource could not be found.')
