"""/v3/credentials: a user's credentials (keystone's credentials.inc).

Admin sees and manages all of them, anyone else only their own (a
missing credential is then a 403, as keystone's policy check comes
first). An ec2 credential's id is the sha256 of its blob's access key,
and it needs a project_id.
"""
import hashlib
import json
import uuid

import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.schemas import credentials as schemas
from stratus.api.identity.schemas import query_strings
from stratus.common import exception
from stratus.db.api import credentials

_SCOPE_KEYS = ('trust_id', 'app_cred_id', 'access_token_id', 'access_id')


def _expecting(attribute):
    return exception.ValidationError(
        'Expecting to find %s in credential. The server could not comply '
        'with the request since it is either malformed or otherwise '
        'incorrect. The client is assumed to be in error.' % attribute)


def _ec2_blob(text):
    """The blob of an ec2 credential: a JSON object with an access key."""
    try:
        blob = json.loads(text)
    except ValueError:
        raise exception.ValidationError('Invalid blob in credential')
    if not blob or not isinstance(blob, dict):
        raise _expecting('blob')
    if blob.get('access') is None:
        raise _expecting('access')
    return blob


def _stored_blob(text):
    # A credential made ec2 by an update may hold any text.
    try:
        blob = json.loads(text)
    except ValueError:
        return {}
    return blob if isinstance(blob, dict) else {}


def _is_ec2(values):
    return str(values.get('type', '')).lower() == 'ec2'


def _view(row):
    body = dict(row)
    body['links'] = common.self_link('credentials/%s' % row['id'])
    return body


def _owned(action, credential_id):
    """The credential, if the caller may act on it."""
    ctxt = authz.authenticated()
    try:
        row = credentials.credential_get(credential_id)
    except exception.NotFound:
        if ctxt.is_admin:
            raise
        row = None
    if not ctxt.is_admin and (row is None or row['user_id'] != ctxt.user_id):
        raise exception.ForbiddenAction(action='identity:%s' % action)
    return ctxt, row


class CredentialsController(common.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        common.query(query_strings.credentials, kwargs)
        ctxt = authz.authenticated()
        rows = credentials.credential_list(
            user_id=wsgi.query_value(kwargs, 'user_id'),
            type=wsgi.query_value(kwargs, 'type'))
        if not ctxt.is_admin:
            rows = [r for r in rows if r['user_id'] == ctxt.user_id]
        return wsgi.response(common.collection(
            'credentials', [_view(r) for r in rows], 'credentials'))

    @pecan.expose()
    def get_one(self, credential_id, **kwargs):
        _ctxt, row = _owned('get_credential', credential_id)
        return wsgi.response({'credential': _view(row)})

    @pecan.expose()
    def post(self, **kwargs):
        body = common.body(schemas.credential_create)['credential']
        ctxt = authz.authenticated()
        if not ctxt.is_admin and body['user_id'] != ctxt.user_id:
            raise exception.ForbiddenAction(
                action='identity:create_credential')
        values = dict(body)
        if _is_ec2(body):
            if 'project_id' not in body:
                raise exception.ValidationError(
                    "Invalid input for field 'credential': 'project_id' is "
                    "a required property")
            access = _ec2_blob(body['blob'])['access']
            values['id'] = hashlib.sha256(
                str(access).encode('utf-8')).hexdigest()
        else:
            values['id'] = uuid.uuid4().hex
        row = credentials.credential_create(values)
        return common.created({'credential': _view(row)})

    @pecan.expose()
    def patch(self, credential_id, **kwargs):
        body = common.body(schemas.credential_update)['credential']
        ctxt, current = _owned('update_credential', credential_id)
        if _is_ec2(current) and 'blob' in body:
            new_blob = _ec2_blob(body['blob'])
            old_blob = _stored_blob(current['blob'])
            for key in _SCOPE_KEYS:
                if old_blob.get(key) != new_blob.get(key):
                    raise exception.ValidationError(
                        '%s can not be updated for credential' % key)
        if body.get('id') is not None and body['id'] != credential_id:
            raise exception.ValidationError('Cannot change ID')
        body.pop('id', None)
        if _is_ec2(body) and not body.get('project_id') and \
                not current['project_id']:
            raise _expecting('project_id')
        if not ctxt.is_admin and \
                body.get('user_id', current['user_id']) != ctxt.user_id:
            raise exception.ForbiddenAction(
                action='identity:update_credential')
        row = credentials.credential_update(credential_id, body)
        return wsgi.response({'credential': _view(row)})

    @pecan.expose()
    def delete(self, credential_id, **kwargs):
        _owned('delete_credential', credential_id)
        credentials.credential_delete(credential_id)
        return common.no_content()
