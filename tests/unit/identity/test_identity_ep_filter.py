"""OS-EP-FILTER: endpoint groups, project associations and the filtered
catalog of project-scoped tokens (keystone v3 facts; exact key sets from
keystone's API reference samples and code)."""
import pytest

from support.identity import DEMO_PASSWORD, V3, as_token, token_for
from support.identity import issue, password_auth
from support.identity import keystone_error as _error

EF = V3 + '/OS-EP-FILTER'
GROUP_KEYS = {'id', 'name', 'description', 'filters', 'links'}
ENDPOINT_KEYS = {'id', 'interface', 'region', 'region_id', 'service_id',
                 'url', 'enabled', 'links'}
PROJECT_KEYS = {'id', 'name', 'domain_id', 'description', 'enabled',
                'parent_id', 'is_domain', 'tags', 'options', 'links'}
BAD_FILTER = ('Expecting to find service_id or region_id or interface in '
              'endpoint_group. The server could not comply with the request '
              'since it is either malformed or otherwise incorrect. The '
              'client is assumed to be in error.')


def _service(admin, type_):
    return admin.post(V3 + '/services', {'service': {
        'type': type_, 'name': type_}}).json['service']


def _endpoint(admin, service_id, interface='public', url=None):
    resp = admin.post(V3 + '/endpoints', {'endpoint': {
        'service_id': service_id, 'interface': interface,
        'url': url or 'http://x/%s/%s' % (service_id, interface),
        'region_id': 'RegionOne'}})
    assert resp.status_int == 201, resp.text
    return resp.json['endpoint']


def _group(admin, name='grp', **filters):
    resp = admin.post(EF + '/endpoint_groups', {'endpoint_group': {
        'name': name, 'filters': filters}})
    assert resp.status_int == 201, resp.text
    return resp.json['endpoint_group']


@pytest.fixture
def setup(admin, demo):
    svc = _service(admin, 'compute')
    return {'svc': svc, 'public': _endpoint(admin, svc['id']),
            'internal': _endpoint(admin, svc['id'], 'internal'),
            'project': demo['project_id'], 'demo': demo}


def test_endpoint_group_crud_shapes(admin, setup):
    group = _group(admin, service_id=setup['svc']['id'], interface='public')
    assert set(group) == GROUP_KEYS and len(group['id']) == 32
    assert group['description'] is None
    assert group['filters'] == {'service_id': setup['svc']['id'],
                                'interface': 'public'}
    assert group['links']['self'] == (
        'http://localhost/identity/v3/OS-EP-FILTER/endpoint_groups/' +
        group['id'])
    path = EF + '/endpoint_groups/' + group['id']
    assert admin.get(path).json == {'endpoint_group': group}
    head = admin.request('HEAD', path)
    assert head.status_int == 200 and head.body == b''
    listing = admin.get(EF + '/endpoint_groups').json
    assert set(listing) == {'endpoint_groups', 'links'}
    assert listing['endpoint_groups'] == [group]
    assert admin.get(EF + '/endpoint_groups?name=other').json[
        'endpoint_groups'] == []
    _error(admin.get(EF + '/endpoint_groups?type=x'), 400)
    # PATCH replaces the filters as a whole.
    resp = admin.request('PATCH', path, {'endpoint_group': {
        'filters': {'interface': 'internal'}, 'description': 'd'}})
    assert resp.status_int == 200
    assert resp.json['endpoint_group']['filters'] == {
        'interface': 'internal'}
    assert resp.json['endpoint_group']['description'] == 'd'
    assert admin.delete(path).status_int == 204
    _error(admin.get(path), 404,
           'Could not find Endpoint Group: %s.' % group['id'])
    _error(admin.delete(path), 404)


def test_endpoint_group_validation(admin, setup):
    post = lambda body: admin.post(EF + '/endpoint_groups', body)  # noqa
    _error(post({'endpoint_group': {'name': 'g', 'filters': {}}}), 400,
           'filters field is required and cannot be empty')
    _error(post({}), 400, 'filters field is required and cannot be empty')
    _error(post({'endpoint_group': {'name': 'g', 'filters': {
        'url': 'x'}}}), 400, BAD_FILTER)
    _error(post({'endpoint_group': {'name': 'g', 'filters': {
        'enabled': True}}}), 400, BAD_FILTER)
    _error(post({'endpoint_group': {'filters': {'interface': 'public'}}}),
           400, "Invalid input for field/attribute endpoint_group. Value: "
           "{'filters': {'interface': 'public'}}. 'name' is a required "
           "property")
    _error(post({'endpoint_group': {'name': 'g', 'filters': {
        'interface': 'nope'}}}), 400)
    _error(post({'endpoint_group': {'name': 'g', 'extra': 1, 'filters': {
        'interface': 'public'}}}), 400)
    _error(post({'endpoint_group': {'name': 'g', 'filters': 'x'}}), 400)
    group = _group(admin, interface='public')
    path = EF + '/endpoint_groups/' + group['id']
    _error(admin.request('PATCH', path, {'endpoint_group': {}}), 400)
    _error(admin.request('PATCH', path, {'endpoint_group': {
        'filters': {'url': 'x'}}}), 400, BAD_FILTER)
    _error(admin.request('PATCH', EF + '/endpoint_groups/nope', {
        'endpoint_group': {'name': 'x'}}), 404)


def test_group_endpoints_match_every_filter(admin, setup):
    group = _group(admin, service_id=setup['svc']['id'], interface='public')
    body = admin.get(EF + '/endpoint_groups/%s/endpoints' % group['id']).json
    assert set(body) == {'endpoints', 'links'}
    assert [e['id'] for e in body['endpoints']] == [setup['public']['id']]
    assert set(body['endpoints'][0]) == ENDPOINT_KEYS
    # A null region matches endpoints without a region only.
    nowhere = _group(admin, 'nowhere', region_id=None)
    assert admin.get(EF + '/endpoint_groups/%s/endpoints' % nowhere[
        'id']).json['endpoints'] == []
    _error(admin.get(EF + '/endpoint_groups/nope/endpoints'), 404,
           'Could not find Endpoint Group: nope.')


def test_project_endpoint_associations(admin, setup):
    pid, eid = setup['project'], setup['public']['id']
    path = EF + '/projects/%s/endpoints/%s' % (pid, eid)
    missing = 'Endpoint %s not found in project %s' % (eid, pid)
    _error(admin.get(path), 404, missing)
    assert admin.put(path).status_int == 204
    _error(admin.put(path), 409, 'Conflict occurred attempting to store '
           'project_endpoint - Duplicate entry.')
    assert admin.get(path).status_int == 204
    assert admin.request('HEAD', path).status_int == 204
    listed = admin.get(EF + '/projects/%s/endpoints' % pid).json
    assert set(listed) == {'endpoints', 'links'}
    assert [e['id'] for e in listed['endpoints']] == [eid]
    assert set(listed['endpoints'][0]) == ENDPOINT_KEYS
    projects = admin.get(EF + '/endpoints/%s/projects' % eid).json
    assert set(projects) == {'projects', 'links'}
    assert [p['id'] for p in projects['projects']] == [pid]
    assert set(projects['projects'][0]) == PROJECT_KEYS
    _error(admin.put(EF + '/projects/%s/endpoints/nope' % pid), 404,
           'Could not find endpoint: nope.')
    _error(admin.put(EF + '/projects/nope/endpoints/' + eid), 404,
           'Could not find project: nope.')
    _error(admin.get(EF + '/projects/nope/endpoints'), 404,
           'Could not find project: nope.')
    _error(admin.get(EF + '/endpoints/nope/projects'), 404,
           'Could not find endpoint: nope.')
    _error(admin.get(EF + '/projects/' + pid), 404)
    assert admin.delete(path).status_int == 204
    _error(admin.delete(path), 404, missing)


def test_endpoint_group_project_associations(admin, setup):
    pid = setup['project']
    group = _group(admin, interface='internal')
    path = EF + '/endpoint_groups/%s/projects/%s' % (group['id'], pid)
    _error(admin.get(path), 404,
           'Endpoint Group Project Association not found')
    assert admin.put(path).status_int == 204
    _error(admin.put(path), 409, 'Conflict occurred attempting to store '
           'project_endpoint_group - Duplicate entry.')
    shown = admin.get(path)
    assert shown.status_int == 200
    assert shown.json == {'project_endpoint_group': {
        'endpoint_group_id': group['id'], 'project_id': pid,
        'links': {'self': '/OS-EP-FILTER/endpoint_groups/%s/projects/%s'
                          % (group['id'], pid)}}}
    projects = admin.get(EF + '/endpoint_groups/%s/projects'
                         % group['id']).json
    assert [p['id'] for p in projects['projects']] == [pid]
    assert admin.get(EF + '/endpoint_groups/nope/projects').json[
        'projects'] == []
    groups = admin.get(EF + '/projects/%s/endpoint_groups' % pid).json
    assert set(groups) == {'endpoint_groups', 'links'}
    assert groups['endpoint_groups'] == [group]
    # The project's endpoints include those of its groups.
    listed = admin.get(EF + '/projects/%s/endpoints' % pid).json
    assert [e['id'] for e in listed['endpoints']] == [
        setup['internal']['id']]
    _error(admin.put(EF + '/endpoint_groups/nope/projects/' + pid), 404,
           'Could not find Endpoint Group: nope.')
    _error(admin.put(EF + '/endpoint_groups/%s/projects/nope'
                     % group['id']), 404, 'Could not find project: nope.')
    _error(admin.get(EF + '/projects/nope/endpoint_groups'), 404)
    assert admin.delete(path).status_int == 204
    _error(admin.delete(path), 404)


def test_deleting_a_party_removes_its_associations(admin, setup):
    pid = setup['project']
    group = _group(admin, interface='internal')
    admin.put(EF + '/endpoint_groups/%s/projects/%s' % (group['id'], pid))
    admin.put(EF + '/projects/%s/endpoints/%s' % (pid, setup['public']['id']))
    assert admin.delete(V3 + '/endpoints/' +
                        setup['public']['id']).status_int == 204
    assert admin.delete(EF + '/endpoint_groups/' +
                        group['id']).status_int == 204
    assert admin.get(EF + '/projects/%s/endpoints' % pid).json[
        'endpoints'] == []
    assert admin.get(EF + '/projects/%s/endpoint_groups' % pid).json[
        'endpoint_groups'] == []
    eid = setup['internal']['id']
    admin.put(EF + '/projects/%s/endpoints/%s' % (pid, eid))
    assert admin.delete(V3 + '/projects/' + pid).status_int == 204
    assert admin.get(EF + '/endpoints/%s/projects' % eid).json[
        'projects'] == []


def _catalog_ids(admin, token):
    body = admin.get(V3 + '/auth/catalog', headers=as_token(token)).json
    return {e['id'] for s in body['catalog'] for e in s['endpoints']}, \
        {s['type'] for s in body['catalog']}


def test_catalog_is_filtered_for_associated_projects(admin, setup):
    demo = setup['demo']
    token = token_for(admin, 'demo', DEMO_PASSWORD, 'demo')
    everything, types = _catalog_ids(admin, token)
    assert {setup['public']['id'], setup['internal']['id']} <= everything
    assert 'identity' in types
    pid = demo['project_id']
    admin.put(EF + '/projects/%s/endpoints/%s' % (pid,
                                                  setup['public']['id']))
    ids, types = _catalog_ids(admin, token)
    # Only the associated endpoint; services left without one go.
    assert ids == {setup['public']['id']} and types == {'compute'}
    # The token body carries the same catalog.
    issued = issue(admin, password_auth('demo', DEMO_PASSWORD, 'demo'))
    assert issued.status_int == 201
    catalog = issued.json['token']['catalog']
    assert [s['type'] for s in catalog] == ['compute']
    assert [e['id'] for e in catalog[0]['endpoints']] == [
        setup['public']['id']]
    # Through an endpoint group too.
    group = _group(admin, interface='internal')
    admin.put(EF + '/endpoint_groups/%s/projects/%s' % (group['id'], pid))
    ids, _types = _catalog_ids(admin, token)
    assert ids == {setup['public']['id'], setup['internal']['id']}
    # Other projects keep the whole catalog.
    admin_ids, _types = _catalog_ids(admin, admin.token)
    assert admin_ids == everything


def test_catalog_without_associations_honours_the_option(admin, setup):
    from stratus.common.conf import CONF
    token = token_for(admin, 'demo', DEMO_PASSWORD, 'demo')
    CONF.set_override('return_all_endpoints_if_no_filter', False,
                      group='endpoint_filter')
    try:
        assert _catalog_ids(admin, token) == (set(), set())
    finally:
        CONF.clear_override('return_all_endpoints_if_no_filter',
                            group='endpoint_filter')


def test_member_cannot_use_the_endpoint_filter(admin, setup):
    headers = as_token(setup['demo']['token'])
    group = _group(admin, interface='public')
    pid, eid = setup['project'], setup['public']['id']
    for method, path in (
            ('GET', '/endpoint_groups'), ('POST', '/endpoint_groups'),
            ('GET', '/endpoint_groups/' + group['id']),
            ('PATCH', '/endpoint_groups/' + group['id']),
            ('DELETE', '/endpoint_groups/' + group['id']),
            ('GET', '/endpoint_groups/%s/projects' % group['id']),
            ('PUT', '/endpoint_groups/%s/projects/%s' % (group['id'], pid)),
            ('GET', '/endpoint_groups/%s/endpoints' % group['id']),
            ('GET', '/projects/%s/endpoints' % pid),
            ('PUT', '/projects/%s/endpoints/%s' % (pid, eid)),
            ('GET', '/projects/%s/endpoint_groups' % pid),
            ('GET', '/endpoints/%s/projects' % eid)):
        body = {'endpoint_group': {'name': 'x', 'filters': {
            'interface': 'public'}}} if method in ('POST', 'PATCH') else None
        resp = admin.request(method, EF + path, body, headers=headers)
        _error(resp, 403)
        assert resp.json['error']['message'].startswith(
            'You are not authorized to perform the requested action: '
            'identity:')
