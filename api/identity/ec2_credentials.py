"""/v3/users/{user_id}/credentials/OS-EC2[/{access}]: keystone's ec2
credentials API (what `openstack ec2 credentials` uses). They are
/v3/credentials of type ec2 whose id is the sha256 of the access key;
this view shows them as access/secret pairs of a tenant (project)."""
import hashlib
import json
import uuid

import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.common import exception
from stratus.db.api import credentials
from stratus.db.api import identity


def _credential_id(access):
    return hashlib.sha256(access.encode('utf-8')).hexdigest()


def _view(row):
    try:
        blob = json.loads(row['blob'])
    except ValueError:
        blob = {}
    if not isinstance(blob, dict):
        blob = {}
    body = {'user_id': row['user_id'], 'tenant_id': row['project_id'],
            'access': blob.get('access'), 'secret': blob.get('secret'),
            'trust_id': blob.get('trust_id')}
    body['links'] = common.self_link('users/%s/credentials/OS-EC2/%s' % (
        row['user_id'], body['access']))
    return body


def _ec2(action, user_id, access):
    """The ec2 credential of that access key, if the caller may see it."""
    ctxt = authz.authenticated()
    try:
        row = credentials.credential_get(_credential_id(access))
    except exception.NotFound:
        if ctxt.is_admin:
            raise
        row = None
    if not ctxt.is_admin and (row is None or user_id != ctxt.user_id or
                              row['user_id'] != ctxt.user_id):
        raise exception.ForbiddenAction(action='identity:%s' % action)
    identity.user_get(user_id)
    if row['type'] != 'ec2':
        raise exception.NotAuthenticated('EC2 access key not found.')
    return row


class UserEC2CredentialsController(common.RestController):

    @pecan.expose()
    def get_all(self, user_id, **kwargs):
        authz.admin_or_self('ec2_list_credentials', user_id)
        identity.user_get(user_id)
        rows = credentials.credential_list(user_id=user_id, type='ec2')
        return wsgi.response(common.collection(
            'credentials', [_view(r) for r in rows],
            'users/%s/credentials/OS-EC2' % user_id))

    @pecan.expose()
    def get_one(self, user_id, access, **kwargs):
        row = _ec2('ec2_get_credential', user_id, access)
        return wsgi.response({'credential': _view(row)})

    @pecan.expose()
    def post(self, user_id, **kwargs):
        body = common.body({'type': 'object'})
        authz.admin_or_self('ec2_create_credential', user_id)
        identity.user_get(user_id)
        tenant_id = body.get('tenant_id')
        if not isinstance(tenant_id, str):
            raise exception.ProjectNotFound(tenant_id)
        identity.project_get(tenant_id)
        blob = {'access': uuid.uuid4().hex, 'secret': uuid.uuid4().hex,
                'trust_id': None}
        row = credentials.credential_create({
            'id': _credential_id(blob['access']), 'user_id': user_id,
            'project_id': tenant_id, 'type': 'ec2',
            'blob': json.dumps(blob)})
        return common.created({'credential': _view(row)})

    @pecan.expose()
    def delete(self, user_id, access, **kwargs):
        row = _ec2('ec2_delete_credential', user_id, access)
        credentials.credential_delete(row['id'])
        return common.no_content()


class UserCredentialsController(common.RestController):
    """Only a path segment: /users/{id}/credentials/OS-EC2."""

    @pecan.expose()
    def get_all(self, user_id, **kwargs):
        raise exception.NotFound('The resource could not be found.')


pecan.route(UserCredentialsController, 'OS-EC2',
            UserEC2CredentialsController())
