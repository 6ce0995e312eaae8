"""Flavors at 2.1: create, list, detail, show, delete, extra specs and
project access, as a client sees them."""
import pytest

BASE = '/compute/v2.1/flavors'
TINY = {'flavor': {'name': 'm1.tiny', 'ram': 512, 'vcpus': 1, 'disk': 1,
                   'id': '1'}}


@pytest.fixture
def tiny(admin):
    resp = admin.post(BASE, TINY)
    assert resp.status_int == 200, resp.text
    return resp.json['flavor']


def test_create_answers_the_21_shape(tiny):
    assert tiny['id'] == '1' and tiny['ram'] == 512
    assert tiny['swap'] == '' and tiny['OS-FLV-EXT-DATA:ephemeral'] == 0
    assert tiny['os-flavor-access:is_public'] is True
    assert 'description' not in tiny and 'extra_specs' not in tiny
    assert tiny['links'][0]['href'].endswith('/compute/v2.1/flavors/1')


def test_null_id_gets_a_uuid_and_numbers_may_be_strings(admin):
    resp = admin.post(BASE, {'flavor': {'name': 'x', 'ram': '64',
                                        'vcpus': '1', 'disk': '0',
                                        'id': None}})
    assert resp.status_int == 200
    assert len(resp.json['flavor']['id']) == 36


def test_duplicates_conflict(admin, tiny):
    resp = admin.post(BASE, TINY)
    assert resp.status_int == 409
    assert 'already exists' in resp.json['conflictingRequest']['message']


@pytest.mark.parametrize('flavor,field', [
    ({'name': 'a', 'ram': 0, 'vcpus': 1, 'disk': 1}, 'ram'),
    ({'name': 'a', 'ram': 'x', 'vcpus': 1, 'disk': 1}, 'ram'),
    ({'name': 'a', 'ram': 1, 'vcpus': 1}, 'disk'),
    ({'name': 'a', 'ram': 1, 'vcpus': 1, 'disk': 1, 'description': 'd'},
     'description'),
])
def test_bad_bodies_are_400_naming_the_field(admin, flavor, field):
    resp = admin.post(BASE, {'flavor': flavor})
    assert resp.status_int == 400
    assert field in resp.json['badRequest']['message']


def test_list_detail_show_delete(admin, tiny):
    assert [f['id'] for f in admin.get(BASE).json['flavors']] == ['1']
    detail = admin.get(BASE + '/detail?is_public=None').json['flavors']
    assert detail[0]['ram'] == 512
    assert admin.get(BASE + '/1').json['flavor']['name'] == 'm1.tiny'
    assert admin.delete(BASE + '/1').status_int == 202
    resp = admin.get(BASE + '/1')
    assert resp.status_int == 404 and 'itemNotFound' in resp.json


def test_filters_and_paging(admin):
    for i, ram in enumerate((128, 512, 2048)):
        admin.post(BASE, {'flavor': {'name': 'f%d' % i, 'ram': ram,
                                     'vcpus': 1, 'disk': i, 'id': str(i)}})
    ids = lambda q: [f['id'] for f in admin.get(BASE + q).json['flavors']]
    assert ids('?minRam=500') == ['1', '2']
    assert ids('?minDisk=2') == ['2']
    assert ids('?limit=1&marker=0') == ['1']
    assert ids('?sort_key=memory_mb&sort_dir=desc') == ['2', '1', '0']
    assert admin.get(BASE + '?marker=nope').status_int == 400


def test_extra_specs(admin, tiny):
    url = BASE + '/1/os-extra_specs'
    assert admin.get(url).json == {'extra_specs': {}}
    resp = admin.post(url, {'extra_specs': {'hw:cpu_policy': 'dedicated',
                                            'n': 2}})
    assert resp.json == {'extra_specs': {'hw:cpu_policy': 'dedicated',
                                         'n': '2'}}
    assert admin.get(url + '/n').json == {'n': '2'}
    assert admin.put(url + '/n', {'n': '3'}).json == {'n': '3'}
    assert admin.put(url + '/n', {'m': '3'}).status_int == 400
    assert admin.delete(url + '/n').status_int == 202
    assert admin.get(url + '/n').status_int == 404


def test_private_flavor_access(admin, demo):
    resp = admin.post(BASE, {'flavor': {
        'name': 'private', 'ram': 64, 'vcpus': 1, 'disk': 0, 'id': 'p',
        'os-flavor-access:is_public': False}})
    assert resp.status_int == 200
    member = {'X-Auth-Token': demo['token']}
    assert admin.get(BASE + '/p', headers=member).status_int == 404
    assert admin.get(BASE, headers=member).json['flavors'] == []
    resp = admin.post(BASE + '/p/action', {'addTenantAccess': {
        'tenant': demo['project_id']}})
    assert resp.json['flavor_access'] == [
        {'flavor_id': 'p', 'tenant_id': demo['project_id']}]
    assert admin.get(BASE + '/p', headers=member).status_int == 200
    assert [f['id'] for f in admin.get(BASE, headers=member).json[
        'flavors']] == ['p']
    assert admin.post(BASE + '/p/action', {'addTenantAccess': {
        'tenant': demo['project_id']}}).status_int == 409
    admin.post(BASE + '/p/action', {'removeTenantAccess': {
        'tenant': demo['project_id']}})
    assert admin.get(BASE + '/p/os-flavor-access').json == {
        'flavor_access': []}


def test_members_read_but_cannot_write(admin, demo, tiny):
    member = {'X-Auth-Token': demo['token']}
    assert admin.get(BASE + '/1', headers=member).status_int == 200
    resp = admin.post(BASE, {'flavor': {'name': 'n', 'ram': 1, 'vcpus': 1,
                                        'disk': 1}}, headers=member)
    assert resp.status_int == 403
    assert admin.delete(BASE + '/1', headers=member).status_int == 403
