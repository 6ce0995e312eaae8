"""/v3/users/{id}/credentials/OS-EC2 (keystone's ec2 credentials API):
access/secret pairs stored as ec2 credentials."""
import hashlib

import pytest

from support.identity import V3, as_token
from support.identity import keystone_error as _error
from stratus.common.conf import CONF

EC2_KEYS = {'user_id', 'tenant_id', 'access', 'secret', 'trust_id', 'links'}


@pytest.fixture(autouse=True)
def _state_path(tmp_path):
    CONF.set_override('state_path', str(tmp_path))
    yield
    CONF.clear_override('state_path')


def test_ec2_lifecycle(admin, demo):
    base = V3 + '/users/%s/credentials/OS-EC2' % demo['user_id']
    resp = admin.post(base, {'tenant_id': demo['project_id']})
    assert resp.status_int == 201, resp.text
    cred = resp.json['credential']
    assert set(cred) == EC2_KEYS
    assert cred['tenant_id'] == demo['project_id']
    assert cred['trust_id'] is None
    assert cred['links']['self'].endswith(base + '/' + cred['access'])
    # The same credential in /v3/credentials, keyed by the access hash.
    cred_id = hashlib.sha256(cred['access'].encode()).hexdigest()
    plain = admin.get(V3 + '/credentials/' + cred_id).json['credential']
    assert plain['type'] == 'ec2' and plain['user_id'] == demo['user_id']
    listing = admin.get(base).json
    assert set(listing) == {'credentials', 'links'}
    assert listing['credentials'] == [cred]
    assert admin.get(base + '/' + cred['access']).json == {'credential':
                                                             cred}
    mine = admin.get(base, headers=as_token(demo['token'])).json
    assert mine['credentials'] == [cred]
    assert admin.delete(base + '/' + cred['access']).status_int == 204
    _error(admin.get(base + '/' + cred['access']), 404)
    assert admin.get(base).json['credentials'] == []


def test_ec2_errors(admin, demo):
    base = V3 + '/users/%s/credentials/OS-EC2' % demo['user_id']
    _error(admin.post(base, {'tenant_id': 'nope'}), 404,
           'Could not find project: nope.')
    _error(admin.post(base, {}), 404)
    _error(admin.post(V3 + '/users/nope/credentials/OS-EC2',
                      {'tenant_id': demo['project_id']}), 404,
           'Could not find user: nope.')
    admin_id = admin.get(V3 + '/users?name=admin').json['users'][0]['id']
    headers = as_token(demo['token'])
    _error(admin.post(V3 + '/users/%s/credentials/OS-EC2' % admin_id,
                      {'tenant_id': demo['project_id']}, headers=headers),
           403)
    _error(admin.get(V3 + '/users/%s/credentials/OS-EC2' % admin_id,
                     headers=headers), 403)
    theirs = admin.post(V3 + '/users/%s/credentials/OS-EC2' % admin_id,
                        {'tenant_id': demo['project_id']}).json['credential']
    _error(admin.get(V3 + '/users/%s/credentials/OS-EC2/%s' % (
        admin_id, theirs['access']), headers=headers), 403)
    # No longer of type ec2: keystone's 401.
    cred_id = hashlib.sha256(theirs['access'].encode()).hexdigest()
    admin.request('PATCH', V3 + '/credentials/' + cred_id,
                  {'credential': {'type': 'cert'}})
    _error(admin.get(V3 + '/users/%s/credentials/OS-EC2/%s' % (
        admin_id, theirs['access'])), 401, 'EC2 access key not found.')
    _error(admin.get(V3 + '/users/%s/credentials' % demo['user_id']), 404)
