"""Flavors across microversions: 2.7 public access conflict, 2.55
description and PUT, 2.61 extra_specs, 2.75 swap and strict queries, 2.86
extra spec validation; paging links."""
import pytest

BASE = '/compute/v2.1/flavors'


def _create(api, version, **extra):
    flavor = {'name': 'f1', 'ram': 64, 'vcpus': 1, 'disk': 1, 'id': 'f1'}
    flavor.update(extra)
    return api.post(BASE, {'flavor': flavor}, version=version)


def test_description_from_255(compute_v):
    resp = _create(compute_v, '2.54', description='d')
    assert resp.status_int == 400
    assert 'description' in resp.json['badRequest']['message']
    resp = _create(compute_v, '2.54')
    assert 'description' not in resp.json['flavor']
    assert 'description' not in compute_v.get(
        BASE, version='2.54').json['flavors'][0]
    compute_v.delete(BASE + '/f1')
    created = _create(compute_v, '2.55', description='small one').json
    assert created['flavor']['description'] == 'small one'
    listed = compute_v.get(BASE, version='2.55').json['flavors'][0]
    assert set(listed) == {'id', 'name', 'links', 'description'}
    assert compute_v.get(BASE + '/f1', version='2.55').json['flavor'][
        'description'] == 'small one'


def test_put_description_from_255(compute_v):
    _create(compute_v, '2.55')
    body = {'flavor': {'description': 'new'}}
    assert compute_v.put(BASE + '/f1', body,
                         version='2.54').status_int == 404
    resp = compute_v.put(BASE + '/f1', body, version='2.55')
    assert resp.status_int == 200, resp.text
    assert resp.json['flavor']['description'] == 'new'
    assert compute_v.put(BASE + '/f1', {'flavor': {'name': 'x'}},
                         version='2.55').status_int == 400
    assert compute_v.put(BASE + '/nope', body,
                         version='2.55').status_int == 404


def test_extra_specs_in_views_from_261(compute_v):
    _create(compute_v, '2.61')
    compute_v.post(BASE + '/f1/os-extra_specs',
                   {'extra_specs': {'k': 'v'}})
    assert 'extra_specs' not in compute_v.get(
        BASE + '/f1', version='2.60').json['flavor']
    shown = compute_v.get(BASE + '/f1', version='2.61').json['flavor']
    assert shown['extra_specs'] == {'k': 'v'}
    detail = compute_v.get(BASE + '/detail', version='2.61').json
    assert detail['flavors'][0]['extra_specs'] == {'k': 'v'}
    assert 'extra_specs' not in compute_v.get(
        BASE, version='2.61').json['flavors'][0]
    compute_v.delete(BASE + '/f1')
    assert _create(compute_v, '2.61').json['flavor']['extra_specs'] == {}


def test_swap_is_an_integer_from_275(compute_v):
    _create(compute_v, '2.74')
    assert compute_v.get(BASE + '/f1', version='2.74').json['flavor'][
        'swap'] == ''
    assert compute_v.get(BASE + '/f1', version='2.75').json['flavor'][
        'swap'] == 0


@pytest.mark.parametrize('path', [BASE, BASE + '/detail'])
def test_unknown_query_parameters_400_from_275(compute_v, path):
    assert compute_v.get(path + '?foo=1', version='2.74').status_int == 200
    resp = compute_v.get(path + '?foo=1', version='2.75')
    assert resp.status_int == 400
    assert "'foo' was unexpected" in resp.json['badRequest']['message']
    assert compute_v.get(path + '?sort_key=memory_mb&limit=2',
                         version='2.75').status_int == 200


def test_invalid_sort_key_and_limit_are_400(compute_v):
    assert compute_v.get(BASE + '?sort_key=nope').status_int == 400
    assert compute_v.get(BASE + '?limit=-1').status_int == 400
    assert compute_v.get(BASE + '?sort_key=description').status_int == 200


def test_full_pages_link_to_the_next(compute_v):
    for i in range(3):
        compute_v.post(BASE, {'flavor': {'name': 'f%d' % i, 'ram': 64,
                                         'vcpus': 1, 'disk': 1,
                                         'id': str(i)}})
    body = compute_v.get(BASE + '/detail?limit=2').json
    assert [f['id'] for f in body['flavors']] == ['0', '1']
    link = body['flavors_links'][0]
    assert link['rel'] == 'next'
    assert link['href'].endswith(
        '/compute/v2.1/flavors/detail?limit=2&marker=1')
    assert 'flavors_links' not in compute_v.get(BASE + '?limit=4').json


def test_public_flavor_access_is_a_conflict_from_27(compute_v):
    _create(compute_v, '2.6')
    add = {'addTenantAccess': {'tenant': 'p1'}}
    resp = compute_v.post(BASE + '/f1/action', add, version='2.6')
    assert resp.status_int == 200
    assert resp.json == {'flavor_access': [{'flavor_id': 'f1',
                                            'tenant_id': 'p1'}]}
    add = {'addTenantAccess': {'tenant': 'p2'}}
    resp = compute_v.post(BASE + '/f1/action', add, version='2.7')
    assert resp.status_int == 409
    # The access list of a public flavor is not shown at any version.
    assert compute_v.get(BASE + '/f1/os-flavor-access').status_int == 404


@pytest.mark.parametrize('specs', [
    {'hw:cpu_policy': 'sometimes'}, {'hw:no_such_thing': '1'},
    {'hw:numa_nodes': '0'}, {'hw_rng:allowed': 'maybe'},
    {'trait:HW_CPU_X86_AVX': 'please'}, {'resources:VCPU': 'x'},
    {'quota:disk_read_bytes_sec': '-1'}])
def test_known_namespaces_are_validated_from_286(compute_v, specs):
    _create(compute_v, '2.86')
    url = BASE + '/f1/os-extra_specs'
    assert compute_v.post(url, {'extra_specs': specs},
                          version='2.85').status_int == 200
    resp = compute_v.post(url, {'extra_specs': specs}, version='2.86')
    assert resp.status_int == 400
    assert 'Validation failed' in resp.json['badRequest']['message']
    key = list(specs)[0]
    assert compute_v.put(url + '/' + key, specs,
                         version='2.86').status_int == 400


def test_valid_and_unknown_namespaces_pass_at_286(compute_v):
    _create(compute_v, '2.86')
    specs = {'hw:cpu_policy': 'dedicated', 'hw:numa_cpus.0': '0-1',
             'hw:mem_page_size': 'large', 'resources1:CUSTOM_GPU': '1',
             'trait:CUSTOM_FAST': 'required', 'my:own': 'anything',
             'plain': 'x', 'hw_rng:allowed': 'True',
             'capabilities:cpu_info:arch': 'x86_64'}
    resp = compute_v.post(BASE + '/f1/os-extra_specs',
                          {'extra_specs': specs}, version='2.86')
    assert resp.status_int == 200, resp.text
    assert resp.json['extra_specs'] == specs
