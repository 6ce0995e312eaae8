"""/v3/credentials (keystone's credentials.inc): CRUD, ec2 ids from the
access key, owner-only access for non-admins, encryption at rest."""
import hashlib
import json

import pytest
import sqlalchemy as sa

from support.identity import V3, as_token
from support.identity import keystone_error as _error
from stratus.common.conf import CONF

CRED_KEYS = {'id', 'user_id', 'project_id', 'type', 'blob', 'links'}


@pytest.fixture(autouse=True)
def _state_path(tmp_path):
    # The encryption key lives under state_path.
    CONF.set_override('state_path', str(tmp_path))
    yield
    CONF.clear_override('state_path')


def _ec2(user_id, project_id, access='181920', **kw):
    blob = json.dumps(dict({'access': access, 'secret': 'secretKey'}, **kw))
    return {'credential': {'user_id': user_id, 'project_id': project_id,
                           'type': 'ec2', 'blob': blob}}


def test_credential_crud_shapes(admin, demo):
    resp = admin.post(V3 + '/credentials', {'credential': {
        'user_id': demo['user_id'], 'type': 'cert', 'blob': 'abc'}})
    assert resp.status_int == 201, resp.text
    cred = resp.json['credential']
    assert set(cred) == CRED_KEYS
    assert cred['project_id'] is None and len(cred['id']) == 32
    assert cred['links']['self'].endswith('/identity/v3/credentials/' +
                                          cred['id'])
    path = V3 + '/credentials/' + cred['id']
    assert admin.get(path).json == {'credential': cred}
    listing = admin.get(V3 + '/credentials').json
    assert set(listing) == {'credentials', 'links'}
    assert listing['credentials'] == [cred]
    resp = admin.request('PATCH', path, {'credential': {
        'blob': 'xyz', 'project_id': demo['project_id'], 'note': 'n'}})
    assert resp.status_int == 200
    updated = resp.json['credential']
    assert set(updated) == CRED_KEYS | {'note'}
    assert (updated['blob'], updated['project_id']) == ('xyz',
                                                        demo['project_id'])
    _error(admin.request('PATCH', path, {'credential': {'id': 'other'}}),
           400, 'Cannot change ID')
    _error(admin.request('PATCH', path, {'credential': {}}), 400)
    assert admin.delete(path).status_int == 204
    _error(admin.get(path), 404, 'Could not find credential: %s.'
           % cred['id'])
    _error(admin.delete(path), 404)


def test_ec2_credentials(admin, demo):
    resp = admin.post(V3 + '/credentials', _ec2(demo['user_id'],
                                                demo['project_id']))
    assert resp.status_int == 201
    cred = resp.json['credential']
    assert cred['id'] == hashlib.sha256(b'181920').hexdigest()
    assert json.loads(cred['blob']) == {'access': '181920',
                                        'secret': 'secretKey'}
    _error(admin.post(V3 + '/credentials', _ec2(demo['user_id'],
                                                demo['project_id'])), 409,
           'Conflict occurred attempting to store credential - Duplicate '
           'entry found with ID %s.' % cred['id'])
    body = _ec2(demo['user_id'], None)
    del body['credential']['project_id']
    _error(admin.post(V3 + '/credentials', body), 400)
    body = _ec2(demo['user_id'], demo['project_id'])
    body['credential']['blob'] = 'not json'
    _error(admin.post(V3 + '/credentials', body), 400,
           'Invalid blob in credential')
    body['credential']['blob'] = json.dumps({'secret': 's'})
    _error(admin.post(V3 + '/credentials', body), 400)
    path = V3 + '/credentials/' + cred['id']
    _error(admin.request('PATCH', path, {'credential': {
        'blob': json.dumps({'access': '181920', 'trust_id': 't'})}}), 400,
        'trust_id can not be updated for credential')
    other = admin.post(V3 + '/credentials', {'credential': {
        'user_id': demo['user_id'], 'type': 'cert', 'blob': 'b'}}).json[
        'credential']
    _error(admin.request('PATCH', V3 + '/credentials/' + other['id'], {
        'credential': {'type': 'ec2'}}), 400,
        'Expecting to find project_id in credential. The server could not '
        'comply with the request since it is either malformed or otherwise '
        'incorrect. The client is assumed to be in error.')
    # Made ec2 with a blob that is no JSON: a new blob is still checked.
    other_path = V3 + '/credentials/' + other['id']
    assert admin.request('PATCH', other_path, {'credential': {
        'type': 'ec2', 'project_id': demo['project_id']}}).status_int == 200
    _error(admin.request('PATCH', other_path, {'credential': {
        'blob': '[1]'}}), 400)
    assert admin.request('PATCH', other_path, {'credential': {
        'blob': json.dumps({'access': 'a2'})}}).status_int == 200
    only_ec2 = admin.get(V3 + '/credentials?type=ec2').json['credentials']
    assert {c['id'] for c in only_ec2} == {cred['id'], other['id']}


def test_validation(admin, demo):
    for body in ({}, {'credential': {'type': 'cert', 'blob': 'b'}},
                 {'credential': {'user_id': demo['user_id'], 'type': 'c',
                                 'blob': 5}}):
        _error(admin.post(V3 + '/credentials', body), 400)
    _error(admin.post(V3 + '/credentials', {'credential': {
        'user_id': 'nope', 'type': 'c', 'blob': 'b'}}), 404)


def test_owner_only_for_non_admins(admin, demo):
    headers = as_token(demo['token'])
    mine = admin.post(V3 + '/credentials', {'credential': {
        'user_id': demo['user_id'], 'type': 'cert', 'blob': 'm'}},
        headers=headers)
    assert mine.status_int == 201
    mine = mine.json['credential']
    admin_id = admin.get(V3 + '/users?name=admin').json['users'][0]['id']
    theirs = admin.post(V3 + '/credentials', {'credential': {
        'user_id': admin_id, 'type': 'cert', 'blob': 't'}}).json['credential']
    _error(admin.post(V3 + '/credentials', {'credential': {
        'user_id': admin_id, 'type': 'cert', 'blob': 'x'}},
        headers=headers), 403)
    listed = admin.get(V3 + '/credentials', headers=headers).json
    assert [c['id'] for c in listed['credentials']] == [mine['id']]
    assert admin.get(V3 + '/credentials?user_id=' + admin_id,
                     headers=headers).json['credentials'] == []
    assert len(admin.get(V3 + '/credentials').json['credentials']) == 2
    for method in ('GET', 'DELETE'):
        _error(admin.request(method, V3 + '/credentials/' + theirs['id'],
                             headers=headers), 403)
        _error(admin.request(method, V3 + '/credentials/nope',
                             headers=headers), 403)
    _error(admin.request('PATCH', V3 + '/credentials/' + mine['id'],
                         {'credential': {'user_id': admin_id}},
                         headers=headers), 403)
    assert admin.get(V3 + '/credentials/' + mine['id'],
                     headers=headers).status_int == 200
    assert admin.delete(V3 + '/credentials/' + mine['id'],
                        headers=headers).status_int == 204


def test_blob_encrypted_at_rest_and_user_delete_removes(admin, demo):
    from stratus.db import models
    from stratus.db import session
    cred = admin.post(V3 + '/credentials', {'credential': {
        'user_id': demo['user_id'], 'type': 'cert',
        'blob': 'top-secret'}}).json['credential']
    with session.reader() as s:
        stored = s.scalars(sa.select(models.Credential.encrypted_blob)).one()
    assert 'top-secret' not in stored
    assert admin.delete(V3 + '/users/' + demo['user_id']).status_int == 204
    _error(admin.get(V3 + '/credentials/' + cred['id']), 404)


def test_project_delete_removes_its_credentials(admin, demo):
    project = admin.post(V3 + '/projects', {'project': {
        'name': 'gone'}}).json['project']
    cred = admin.post(V3 + '/credentials', _ec2(
        demo['user_id'], project['id'])).json['credential']
    kept = admin.post(V3 + '/credentials', _ec2(
        demo['user_id'], demo['project_id'], access='other')).json[
        'credential']
    assert admin.delete(V3 + '/projects/' + project['id']).status_int == 204
    _error(admin.get(V3 + '/credentials/' + cred['id']), 404)
    assert admin.get(V3 + '/credentials/' + kept['id']).status_int == 200
