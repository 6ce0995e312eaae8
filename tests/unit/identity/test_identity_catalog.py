"""Catalog services, endpoints, regions and the catalog tokens carry."""
import pytest

from support.identity import ADMIN_PASSWORD, V3
from support.identity import as_token, issue, password_auth


def _service(admin, type_, name):
    resp = admin.post(V3 + '/services', {'service': {'type': type_,
                                                     'name': name}})
    assert resp.status_int == 201
    return resp.json['service']


def _endpoint(admin, service_id, url, interface='public',
              region='RegionOne'):
    resp = admin.post(V3 + '/endpoints', {'endpoint': {
        'service_id': service_id, 'interface': interface, 'url': url,
        'region_id': region}})
    assert resp.status_int == 201, resp.text
    return resp.json['endpoint']


def test_service_crud_and_filters(admin):
    svc = _service(admin, 'compute', 'nova')
    assert svc['enabled'] is True and len(svc['id']) == 32
    assert svc['links']['self'].endswith('/identity/v3/services/' +
                                         svc['id'])
    listed = admin.get(V3 + '/services').json
    assert {s['type'] for s in listed['services']} == {'identity',
                                                       'compute'}
    assert listed['links'] == {
        'self': 'http://localhost/identity/v3/services', 'previous': None,
        'next': None}
    assert [s['id'] for s in admin.get(
        V3 + '/services?type=compute').json['services']] == [svc['id']]
    assert [s['id'] for s in admin.get(
        V3 + '/services?name=nova').json['services']] == [svc['id']]
    assert admin.get(V3 + '/services/nova').status_int == 404
    resp = admin.request('PATCH', V3 + '/services/' + svc['id'],
                         {'service': {'description': 'Compute'}})
    assert resp.status_int == 200
    assert resp.json['service']['description'] == 'Compute'
    assert admin.delete(V3 + '/services/' + svc['id']).status_int == 204
    resp = admin.get(V3 + '/services/' + svc['id'])
    assert resp.status_int == 404
    assert resp.json['error']['message'] == \
        'Could not find service: %s.' % svc['id']


def test_service_needs_a_type(admin):
    resp = admin.post(V3 + '/services', {'service': {'name': 'x'}})
    assert resp.status_int == 400 and 'type' in resp.json['error']['message']


def test_endpoint_crud_and_filters(admin):
    svc = _service(admin, 'compute', 'nova')
    ep = _endpoint(admin, svc['id'], 'http://x/compute/v2.1')
    assert ep['region'] == ep['region_id'] == 'RegionOne'
    assert ep['interface'] == 'public' and ep['enabled'] is True
    internal = _endpoint(admin, svc['id'], 'http://y/compute/v2.1',
                         interface='internal')
    rows = admin.get(V3 + '/endpoints?service_id=' + svc['id']).json
    assert {e['id'] for e in rows['endpoints']} == {ep['id'],
                                                    internal['id']}
    rows = admin.get(V3 + '/endpoints?interface=internal').json['endpoints']
    assert [e['id'] for e in rows] == [internal['id']]
    assert len(admin.get(V3 + '/endpoints?region_id=RegionOne').json[
        'endpoints']) == 3
    resp = admin.request('PATCH', V3 + '/endpoints/' + ep['id'],
                         {'endpoint': {'url': 'http://z/compute'}})
    assert resp.json['endpoint']['url'] == 'http://z/compute'
    assert admin.get(V3 + '/endpoints/' + ep['id']).json['endpoint'][
        'url'] == 'http://z/compute'
    assert admin.delete(V3 + '/endpoints/' + ep['id']).status_int == 204
    assert admin.get(V3 + '/endpoints/' + ep['id']).status_int == 404


@pytest.mark.parametrize('endpoint,field', [
    ({'interface': 'public', 'url': 'http://x'}, 'service_id'),
    ({'service_id': 'S', 'interface': 'sideways', 'url': 'http://x'},
     "Invalid input for field/attribute interface. Value: sideways. "
     "'sideways' is not one of ['admin', 'internal', 'public']"),
    ({'service_id': 'S', 'interface': 'public', 'url': 'no scheme'},
     "Invalid input for field/attribute url. Value: no scheme. 'no scheme' "
     "does not match '^[a-zA-Z0-9+.-]+:.+'"),
    ({'service_id': 'S', 'interface': 'public', 'url': 'http://x',
      'enabled': 'yes'}, "Invalid input for field/attribute enabled. Value: "
     "yes. 'yes' is not of type 'boolean'"),
    ({'service_id': 'S', 'interface': 'public', 'url': 'http://x',
      'region_id': 'Nowhere'}, 'endpoint/region_id'),
])
def test_endpoint_validation(admin, endpoint, field):
    svc = _service(admin, 'compute', 'nova')
    if endpoint.get('service_id') == 'S':
        endpoint['service_id'] = svc['id']
    resp = admin.post(V3 + '/endpoints', {'endpoint': endpoint})
    assert resp.status_int == 400
    assert field in resp.json['error']['message']


def test_endpoint_of_unknown_service_is_404(admin):
    resp = admin.post(V3 + '/endpoints', {'endpoint': {
        'service_id': 'nope', 'interface': 'public', 'url': 'http://x'}})
    assert resp.status_int == 404


def test_legacy_region_key_creates_the_region(admin):
    svc = _service(admin, 'image', 'glance')
    resp = admin.post(V3 + '/endpoints', {'endpoint': {
        'service_id': svc['id'], 'interface': 'public',
        'url': 'http://x/image', 'region': 'RegionTwo'}})
    assert resp.status_int == 201
    assert resp.json['endpoint']['region_id'] == 'RegionTwo'
    assert admin.get(V3 + '/regions/RegionTwo').status_int == 200


def test_region_crud(admin):
    regions = admin.get(V3 + '/regions').json['regions']
    assert [r['id'] for r in regions] == ['RegionOne']
    resp = admin.post(V3 + '/regions', {'region': {
        'id': 'RegionTwo', 'description': 'second',
        'parent_region_id': 'RegionOne'}})
    assert resp.status_int == 201
    assert resp.json['region']['parent_region_id'] == 'RegionOne'
    assert admin.post(V3 + '/regions', {'region': {
        'id': 'RegionTwo'}}).status_int == 409
    generated = admin.post(V3 + '/regions', {'region': {}}).json['region']
    assert len(generated['id']) == 32
    assert admin.put(V3 + '/regions/RegionThree',
                     {'region': {}}).status_int == 201
    resp = admin.request('PATCH', V3 + '/regions/RegionTwo',
                         {'region': {'description': 'changed'}})
    assert resp.json['region']['description'] == 'changed'
    rows = admin.get(V3 + '/regions?parent_region_id=RegionOne').json
    assert [r['id'] for r in rows['regions']] == ['RegionTwo']
    # In use by a child region, then by the identity endpoint.
    assert admin.delete(V3 + '/regions/RegionOne').status_int == 409
    assert admin.delete(V3 + '/regions/RegionTwo').status_int == 204
    assert admin.delete(V3 + '/regions/RegionOne').status_int == 409
    assert admin.get(V3 + '/regions/RegionTwo').status_int == 404


def test_region_cannot_become_its_own_ancestor(admin):
    admin.post(V3 + '/regions', {'region': {
        'id': 'Child', 'parent_region_id': 'RegionOne'}})
    resp = admin.request('PATCH', V3 + '/regions/RegionOne',
                         {'region': {'parent_region_id': 'Child'}})
    assert resp.status_int == 400


def test_regions_are_readable_by_members_only_admin_writes(admin, demo):
    headers = as_token(demo['token'])
    assert admin.get(V3 + '/regions', headers=headers).status_int == 200
    assert admin.post(V3 + '/regions', {'region': {}},
                      headers=headers).status_int == 403


def test_member_cannot_manage_the_catalog(admin, demo):
    headers = as_token(demo['token'])
    for path in ('/services', '/endpoints'):
        resp = admin.get(V3 + path, headers=headers)
        assert resp.status_int == 403
        assert resp.json['error']['message'].startswith(
            'You are not authorized to perform the requested action')
    assert admin.post(V3 + '/services', {'service': {'type': 'x'}},
                      headers=headers).status_int == 403


def test_catalog_substitutes_the_project_id(admin, demo):
    legacy = _service(admin, 'volumev3', 'cinderv3')
    _endpoint(admin, legacy['id'], 'http://h/volume/v3/$(project_id)s')
    other = _service(admin, 'compute-legacy', 'nova-legacy')
    _endpoint(admin, other['id'], 'http://h/compute/v2/%(project_id)s')
    token = issue(admin, password_auth('demo', 'demo-secret',
                                       'demo')).json['token']
    urls = {s['type']: s['endpoints'][0]['url'] for s in token['catalog']}
    assert urls['volumev3'] == 'http://h/volume/v3/' + demo['project_id']
    assert urls['compute-legacy'] == 'http://h/compute/v2/' + \
        demo['project_id']
    assert urls['identity'] == 'http://localhost/identity'
    # The same catalog from GET /v3/auth/catalog.
    body = admin.get(V3 + '/auth/catalog',
                     headers=as_token(demo['token'])).json
    assert {s['type'] for s in body['catalog']} == set(urls)
    assert body['links']['self'].endswith('/v3/auth/catalog')


def test_disabled_endpoints_and_services_leave_the_catalog(admin):
    svc = _service(admin, 'image', 'glance')
    ep = _endpoint(admin, svc['id'], 'http://h/image')
    admin.request('PATCH', V3 + '/endpoints/' + ep['id'],
                  {'endpoint': {'enabled': False}})
    catalog = admin.get(V3 + '/auth/catalog').json['catalog']
    assert [s['endpoints'] for s in catalog if s['type'] == 'image'] == [[]]
    admin.request('PATCH', V3 + '/services/' + svc['id'],
                  {'service': {'enabled': False}})
    catalog = admin.get(V3 + '/auth/catalog').json['catalog']
    assert 'image' not in {s['type'] for s in catalog}


def test_unscoped_token_has_no_catalog_to_get(admin):
    unscoped = issue(admin, password_auth('admin', ADMIN_PASSWORD,
                                          scope='unscoped'))
    resp = admin.get(V3 + '/auth/catalog', headers=as_token(
        unscoped.headers['X-Subject-Token']))
    assert resp.status_int == 403


def test_auth_projects_and_domains(admin, demo):
    headers = as_token(demo['token'])
    body = admin.get(V3 + '/auth/projects', headers=headers).json
    assert [p['name'] for p in body['projects']] == ['demo']
    assert admin.get(V3 + '/auth/domains',
                     headers=headers).json['domains'] == []
    assert admin.post(V3 + '/auth/projects',
                      headers=headers).status_int == 405
