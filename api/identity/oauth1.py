"""/v3/OS-OAUTH1: consumers (admin; a system reader reads them), and the
delegation dance: a consumer asks for a request token on a project
(signed), a user with roles there authorizes it (a verifier), the
consumer exchanges it for an access token (signed with the verifier),
then authenticates with method oauth1 (api/identity/oauth1_auth.py).
Token answers are form-encoded, as keystone's."""
import json

import pecan
import webob

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity import oauth1_signing as signing
from stratus.api.identity.schemas import oauth1 as schemas
from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db.api import assignments
from stratus.db.api import identity
from stratus.db.api import oauth1 as oauth_db
from stratus.db.api import tokens

DELEGATED_AUTHORIZE = ('Cannot authorize a request token with a token '
                       'issued via delegation.')


def refused(reason):
    """keystone's Unauthorized: outside insecure_debug it never says why
    (`reason` documents the case)."""
    return exception.NotAuthenticated()


def lenient_member(key, default, schema):
    """The body's `key` member checked against `schema`; keystone reads
    these bodies leniently: no body, or one that is not JSON, is {}."""
    try:
        doc = json.loads(pecan.request.body or b'null')
    except ValueError:
        doc = None
    member = doc.get(key, default) if isinstance(doc, dict) else default
    return common.check_value(schema, member)


def consumer_view(row):
    result = dict(row)
    result['links'] = common.self_link('OS-OAUTH1/consumers/%s' % row['id'])
    return result


def delegated(ctxt):
    """Whether the caller's token came through a trust, an OAuth1 access
    token or an application credential."""
    info = tokens.token_data(ctxt.auth_token)
    return bool(info.get('trust') or info.get('oauth1') or
                'application_credential' in info['methods'])


def _isotime(value):
    return value.strftime('%Y-%m-%dT%H:%M:%S.%fZ')


def _form(token_id, secret, expires_at):
    text = 'oauth_token=%s&oauth_token_secret=%s' % (token_id, secret)
    if expires_at is not None:
        text += '&oauth_expires_at=%s' % _isotime(expires_at)
    resp = webob.Response(status=201, charset=None)
    resp.content_type = 'application/x-www-form-urlencoded'
    resp.body = text.encode()
    return resp


class ConsumersController(common.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        authz.admin_or_system_reader('list_consumers')
        return wsgi.response(common.collection(
            'consumers', [consumer_view(r) for r in oauth_db.consumer_list()],
            'OS-OAUTH1/consumers'))

    @pecan.expose()
    def get_one(self, consumer_id, **kwargs):
        authz.admin_or_system_reader('get_consumer')
        return wsgi.response({'consumer': consumer_view(
            oauth_db.consumer_get(consumer_id))})

    @pecan.expose()
    def post(self, **kwargs):
        authz.admin('create_consumer')
        body = lenient_member('consumer', {}, schemas.consumer_create)
        return common.created({'consumer': consumer_view(
            oauth_db.consumer_create(body))})

    @pecan.expose()
    def patch(self, consumer_id, **kwargs):
        authz.admin('update_consumer')
        body = lenient_member('consumer', {}, schemas.consumer_update)
        if body.get('id') not in (None, consumer_id):
            raise exception.ValidationError('Cannot change ID')
        return wsgi.response({'consumer': consumer_view(
            oauth_db.consumer_update(consumer_id, body))})

    @pecan.expose()
    def delete(self, consumer_id, **kwargs):
        authz.admin('delete_consumer')
        oauth_db.consumer_delete(consumer_id)
        return common.no_content()


def _unexpired(ref, what):
    if signing.expired(ref['expires_at']):
        raise refused('%s token is expired' % what)


def _role_ids(refs):
    """Role ids of [{id}|{name}]; a name must name one global role."""
    ids = set()
    for ref in refs:
        if ref.get('id'):
            ids.add(ref['id'])
            continue
        found = assignments.role_list(name=ref['name'])
        if len(found) != 1:
            raise exception.RoleNotFound(ref['name'])
        ids.add(found[0]['id'])
    return ids


class OAuth1Root:

    consumers = ConsumersController()

    @pecan.expose()
    def request_token(self, **kwargs):
        common.require_method('POST')
        headers = signing.oauth_headers()
        consumer_id = headers.get('oauth_consumer_key')
        project_id = pecan.request.headers.get('Requested-Project-Id')
        if not consumer_id:
            raise signing.missing('oauth_consumer_key')
        if not project_id:
            raise signing.missing('Requested-Project-Id')
        identity.project_get(project_id)
        oauth_db.consumer_get(consumer_id)
        if not signing.request_token_signed(project_id):
            raise refused('Invalid signature')
        ref = oauth_db.request_token_create(
            consumer_id, project_id, CONF.oauth1.request_token_duration)
        return _form(ref['id'], ref['request_secret'], ref['expires_at'])

    @pecan.expose()
    def access_token(self, **kwargs):
        common.require_method('POST')
        headers = signing.oauth_headers()
        for name in ('oauth_consumer_key', 'oauth_token', 'oauth_verifier'):
            if not headers.get(name):
                raise signing.missing(name)
        request = oauth_db.request_token_get(headers['oauth_token'])
        _unexpired(request, 'Request')
        try:
            oauth_db.consumer_get(headers['oauth_consumer_key'])
        except exception.NotFound:
            raise refused('Provided consumer does not exist.')
        if request['consumer_id'] != headers['oauth_consumer_key']:
            raise refused('Provided consumer key does not match stored '
                          'consumer key.')
        if not signing.access_token_signed():
            if request['verifier'] != headers['oauth_verifier']:
                raise refused('Provided verifier does not match stored '
                              'verifier')
            raise refused('Invalid signature')
        if not request['authorizing_user_id']:
            raise refused('Request Token does not have an authorizing '
                          'user id.')
        ref = oauth_db.access_token_create(
            request['id'], CONF.oauth1.access_token_duration)
        return _form(ref['id'], ref['access_secret'], ref['expires_at'])

    @pecan.expose()
    def authorize(self, request_token_id=None, *rest, **kwargs):
        common.require_method('PUT')
        if request_token_id is None or rest:
            raise exception.NotFound('The resource could not be found.')
        ctxt = authz.admin('authorize_request_token')
        roles = lenient_member('roles', [], schemas.request_token_authorize)
        if delegated(ctxt):
            raise exception.IdentityForbidden(DELEGATED_AUTHORIZE)
        request = oauth_db.request_token_get(request_token_id)
        _unexpired(request, 'Request')
        wanted = _role_ids(roles)
        held = oauth_db.user_project_role_ids(
            ctxt.user_id, request['requested_project_id'])
        if not wanted <= held:
            raise refused('authorizing user does not have role required')
        ref = oauth_db.request_token_authorize(
            request_token_id, ctxt.user_id, wanted)
        return wsgi.response({'token': {'oauth_verifier': ref['verifier']}})
