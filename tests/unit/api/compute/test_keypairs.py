"""os-keypairs at 2.1: import, generate, list, show, delete; per user;
quota; validation."""
import base64
import hashlib

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric import ed25519

from stratus.api.compute import keypairs
from stratus.common.conf import CONF

BASE = '/compute/v2.1/os-keypairs'


def _ssh_public(key):
    return key.public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode()


def _md5(line):
    digest = hashlib.md5(base64.b64decode(line.split()[1])).hexdigest()
    return ':'.join(digest[i:i + 2] for i in range(0, 32, 2))


@pytest.fixture
def ed_key():
    return _ssh_public(ed25519.Ed25519PrivateKey.generate()) + ' me@host\n'


def test_import_answers_the_21_shape(admin, ed_key):
    resp = admin.post(BASE, {'keypair': {'name': 'k1', 'public_key': ed_key}})
    assert resp.status_int == 200, resp.text
    key = resp.json['keypair']
    assert set(key) == {'name', 'public_key', 'fingerprint', 'user_id'}
    assert key['public_key'] == ed_key
    assert key['fingerprint'] == _md5(ed_key)


@pytest.mark.parametrize('curve', [ec.SECP256R1(), ec.SECP384R1()])
def test_ecdsa_keys_import(admin, curve):
    line = _ssh_public(ec.generate_private_key(curve))
    resp = admin.post(BASE, {'keypair': {'name': 'e', 'public_key': line}})
    assert resp.status_int == 200
    assert resp.json['keypair']['fingerprint'] == _md5(line)


def test_generate_returns_the_private_key_once(admin):
    resp = admin.post(BASE, {'keypair': {'name': 'gen'}})
    assert resp.status_int == 200
    key = resp.json['keypair']
    assert key['private_key'].startswith('-----BEGIN RSA PRIVATE KEY-----')
    private = serialization.load_pem_private_key(
        key['private_key'].encode(), password=None)
    assert private.key_size == 2048
    assert key['public_key'].startswith('ssh-rsa ')
    assert key['public_key'].split()[1] == _ssh_public(private).split()[1]
    assert key['fingerprint'] == _md5(key['public_key'])
    shown = admin.get(BASE + '/gen').json['keypair']
    assert 'private_key' not in shown


def test_list_show_delete(admin, ed_key):
    admin.post(BASE, {'keypair': {'name': 'k1', 'public_key': ed_key}})
    listed = admin.get(BASE).json
    assert listed == {'keypairs': [{'keypair': {
        'name': 'k1', 'public_key': ed_key, 'fingerprint': _md5(ed_key)}}]}
    shown = admin.get(BASE + '/k1').json['keypair']
    assert set(shown) == {'name', 'public_key', 'fingerprint', 'user_id',
                          'id', 'created_at', 'deleted', 'deleted_at',
                          'updated_at'}
    assert shown['deleted'] is False and shown['deleted_at'] is None
    assert isinstance(shown['id'], int)
    assert len(shown['created_at']) == len('2026-01-01T00:00:00.000000')
    assert admin.delete(BASE + '/k1').status_int == 202
    resp = admin.get(BASE + '/k1')
    assert resp.status_int == 404
    assert 'Keypair k1 not found for user' in \
        resp.json['itemNotFound']['message']
    assert admin.delete(BASE + '/k1').status_int == 404


def test_duplicate_name_is_409(admin, ed_key):
    admin.post(BASE, {'keypair': {'name': 'k1', 'public_key': ed_key}})
    resp = admin.post(BASE, {'keypair': {'name': 'k1', 'public_key': ed_key}})
    assert resp.status_int == 409
    assert resp.json['conflictingRequest']['message'] == \
        "Key pair 'k1' already exists."


@pytest.mark.parametrize('keypair', [
    {'name': ''}, {'name': 'a/b'}, {'name': 'x' * 256}, {'name': 'a.b'},
    {}, {'name': 'k', 'type': 'ssh'}, {'name': 'k', 'public_key': 5},
])
def test_bad_bodies_are_400(admin, keypair):
    assert admin.post(BASE, {'keypair': keypair}).status_int == 400


@pytest.mark.parametrize('public_key', [
    'not a key', 'ssh-rsa !!!notbase64', 'ssh-rsa AAAAB3NzaC1yc2E=',
    'ssh-dss AAAAB3NzaC1kc3MAAACBAP', '',
])
def test_bad_public_keys_are_400(admin, public_key):
    resp = admin.post(BASE, {'keypair': {'name': 'k',
                                         'public_key': public_key}})
    assert resp.status_int == 400
    assert 'Keypair data is invalid' in resp.json['badRequest']['message']


def test_keypairs_belong_to_their_user(admin, demo, ed_key):
    as_demo = {'X-Auth-Token': demo['token']}
    admin.post(BASE, {'keypair': {'name': 'shared', 'public_key': ed_key}})
    assert admin.get(BASE, headers=as_demo).json == {'keypairs': []}
    assert admin.get(BASE + '/shared', headers=as_demo).status_int == 404
    resp = admin.post(BASE, {'keypair': {'name': 'shared',
                                         'public_key': ed_key}},
                      headers=as_demo)
    assert resp.status_int == 200
    assert resp.json['keypair']['user_id'] == demo['user_id']
    assert admin.delete(BASE + '/shared', headers=as_demo).status_int == 202
    assert admin.get(BASE + '/shared').status_int == 200


def test_quota_counts_the_users_keypairs(admin, ed_key):
    CONF.set_override('key_pairs', 1, 'quota')
    try:
        admin.post(BASE, {'keypair': {'name': 'a', 'public_key': ed_key}})
        resp = admin.post(BASE, {'keypair': {'name': 'b',
                                             'public_key': ed_key}})
        assert resp.status_int == 403
        assert resp.json['forbidden']['message'] == \
            'Quota exceeded, too many key pairs.'
    finally:
        CONF.clear_override('key_pairs', 'quota')


def test_unauthenticated_is_401(client):
    assert client.get(BASE).status_int == 401


@pytest.mark.parametrize('line,expected', [
    ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHVVDFLtklpg+CMlyl7FVfmSqpwIjWlT9m'
     'uvOEdEZv2N root@vm', 'fd:8f:6d:3c:b6:20:3a:f2:77:15:6a:56:98:48:88:91'),
    ('ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDKEpuAEzCcHBgU6FYjeAZ853jrP4SgJh'
     'iNX/ejylbM3bTc45G4ydo3W/lFrLT3n63pAXJi88FKVvRyig0BdeZDOQRaLDgPwenHb1o5'
     'wWYnuAgE5EhXihJC4lY4nOiqOE9mUiytEyzLSf26/qrTSGPX/RFJUfxkBVp669Kr8mLrkw'
     '== root@vm', 'cb:56:e5:f9:7e:2e:c6:62:bc:ea:4a:6f:26:9e:e9:10'),
])
def test_fingerprint_is_what_ssh_keygen_prints(line, expected):
    # Expected values from `ssh-keygen -l -E md5` on these keys.
    assert keypairs.fingerprint(line) == expected
