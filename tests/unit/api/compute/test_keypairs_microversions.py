"""os-keypairs across microversions: 2.2 type and status codes, x509
pairs, 2.10 user_id for admins, 2.35 paging, 2.75 strict queries, 2.92
import only with wider names."""
import hashlib

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

BASE = '/compute/v2.1/os-keypairs'


@pytest.fixture
def ed_key():
    key = ed25519.Ed25519PrivateKey.generate()
    return key.public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode()


def _import(api, name, key, version, **extra):
    body = {'name': name, 'public_key': key}
    body.update(extra)
    return api.post(BASE, {'keypair': body}, version=version)


def test_type_and_status_codes_from_22(compute_v, ed_key):
    resp = _import(compute_v, 'k1', ed_key, '2.1')
    assert resp.status_int == 200 and 'type' not in resp.json['keypair']
    assert _import(compute_v, 'k0', ed_key, '2.1',
                   type='ssh').status_int == 400
    assert 'type' not in compute_v.get(BASE + '/k1', version='2.1').json[
        'keypair']
    assert compute_v.delete(BASE + '/k1', version='2.1').status_int == 202
    resp = _import(compute_v, 'k2', ed_key, '2.2')
    assert resp.status_int == 201 and resp.json['keypair']['type'] == 'ssh'
    assert compute_v.get(BASE + '/k2', version='2.2').json['keypair'][
        'type'] == 'ssh'
    listed = compute_v.get(BASE, version='2.2').json['keypairs']
    assert listed[0]['keypair']['type'] == 'ssh'
    assert compute_v.delete(BASE + '/k2', version='2.2').status_int == 204


def test_x509_pairs_are_generated_and_imported(compute_v):
    resp = compute_v.post(BASE, {'keypair': {'name': 'cert',
                                             'type': 'x509'}},
                          version='2.2')
    assert resp.status_int == 201, resp.text
    key = resp.json['keypair']
    assert key['type'] == 'x509' and 'PRIVATE KEY' in key['private_key']
    cert = x509.load_pem_x509_certificate(key['public_key'].encode())
    digest = hashlib.sha1(cert.public_bytes(
        serialization.Encoding.DER)).hexdigest()
    assert key['fingerprint'].replace(':', '') == digest
    resp = _import(compute_v, 'again', key['public_key'], '2.2',
                   type='x509')
    assert resp.json['keypair']['fingerprint'] == key['fingerprint']
    assert _import(compute_v, 'bad', 'not a cert', '2.2',
                   type='x509').status_int == 400


def test_admins_manage_other_users_pairs_from_210(compute_v, demo, ed_key):
    member = {'X-Auth-Token': demo['token']}
    user = demo['user_id']
    resp = _import(compute_v, 'theirs', ed_key, '2.10', user_id=user)
    assert resp.status_int == 201 and resp.json['keypair']['user_id'] == user
    assert _import(compute_v, 'x', ed_key, '2.9',
                   user_id=user).status_int == 400
    assert compute_v.get(BASE, version='2.10').json['keypairs'] == []
    theirs = compute_v.get(BASE + '?user_id=' + user,
                           version='2.10').json['keypairs']
    assert [k['keypair']['name'] for k in theirs] == ['theirs']
    # Before 2.10 the parameter is ignored: the caller's own pairs.
    assert compute_v.get(BASE + '?user_id=' + user,
                         version='2.9').json['keypairs'] == []
    assert compute_v.get(BASE + '/theirs?user_id=' + user,
                         version='2.10').status_int == 200
    # A member sees their own, and may not name another user.
    assert compute_v.get(BASE, version='2.10', headers=member).json[
        'keypairs'][0]['keypair']['name'] == 'theirs'
    admin_id = compute_v.get(BASE + '/theirs?user_id=' + user,
                             version='2.10').json['keypair']['user_id']
    assert admin_id == user
    resp = compute_v.get(BASE + '?user_id=someone', version='2.10',
                         headers=member)
    assert resp.status_int == 403
    assert compute_v.delete(BASE + '/theirs?user_id=' + user,
                            version='2.10').status_int == 204


def test_paging_from_235(compute_v, ed_key):
    for name in ('c', 'a', 'b'):
        _import(compute_v, name, ed_key, '2.35')
    names = lambda body: [k['keypair']['name'] for k in body['keypairs']]
    body = compute_v.get(BASE + '?limit=2', version='2.35').json
    assert names(body) == ['a', 'b']
    assert body['keypairs_links'][0]['href'].endswith(
        '/compute/v2.1/os-keypairs?limit=2&marker=b')
    body = compute_v.get(BASE + '?limit=2&marker=b', version='2.35').json
    assert names(body) == ['c'] and 'keypairs_links' not in body
    assert compute_v.get(BASE + '?marker=zz',
                         version='2.35').status_int == 400
    # Before 2.35 paging parameters are ignored.
    assert names(compute_v.get(BASE + '?limit=1',
                               version='2.34').json) == ['a', 'b', 'c']


@pytest.mark.parametrize('path', [BASE, BASE + '/k'])
def test_unknown_query_parameters_400_from_275(compute_v, ed_key, path):
    _import(compute_v, 'k', ed_key, '2.75')
    assert compute_v.get(path + '?foo=1', version='2.74').status_int == 200
    resp = compute_v.get(path + '?foo=1', version='2.75')
    assert resp.status_int == 400
    assert "'foo' was unexpected" in resp.json['badRequest']['message']
    assert compute_v.delete(BASE + '/k?foo=1',
                            version='2.75').status_int == 400


def test_292_imports_only_and_widens_names(compute_v, ed_key):
    generated = compute_v.post(BASE, {'keypair': {'name': 'g'}},
                               version='2.91')
    assert generated.status_int == 201
    assert 'private_key' in generated.json['keypair']
    resp = compute_v.post(BASE, {'keypair': {'name': 'g2'}}, version='2.92')
    assert resp.status_int == 400
    assert 'public_key' in resp.json['badRequest']['message']
    assert _import(compute_v, 'me@host.x', ed_key,
                   '2.91').status_int == 400
    resp = _import(compute_v, 'me@host.x', ed_key, '2.92')
    assert resp.status_int == 201
    assert 'private_key' not in resp.json['keypair']
    assert _import(compute_v, ' lead', ed_key, '2.92').status_int == 400
