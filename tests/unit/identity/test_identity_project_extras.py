"""Project extra attributes (`project set --property k=v`) and keystone's
hierarchy queries on GET /v3/projects/{id}."""
from support.identity import V3
from support.identity import keystone_error as _error

PROJECT_KEYS = {'id', 'name', 'domain_id', 'description', 'enabled',
                'parent_id', 'is_domain', 'tags', 'options', 'links'}


def test_extra_attributes_kept_merged_and_listed(admin):
    resp = admin.post(V3 + '/projects', {'project': {
        'name': 'p', 'cost_center': 'cc1'}})
    assert resp.status_int == 201
    project = resp.json['project']
    assert set(project) == PROJECT_KEYS | {'cost_center'}
    assert project['cost_center'] == 'cc1'
    path = V3 + '/projects/' + project['id']
    resp = admin.request('PATCH', path, {'project': {'owner': 'ann'}})
    assert resp.status_int == 200
    assert resp.json['project']['cost_center'] == 'cc1'
    assert resp.json['project']['owner'] == 'ann'
    resp = admin.request('PATCH', path, {'project': {'owner': 'bob'}})
    shown = admin.get(path).json['project']
    assert set(shown) == PROJECT_KEYS | {'cost_center', 'owner'}
    assert (shown['owner'], shown['cost_center']) == ('bob', 'cc1')
    listed = admin.get(V3 + '/projects?name=p').json['projects'][0]
    assert listed == shown


def test_known_attributes_are_not_extras(admin):
    project = admin.post(V3 + '/projects', {'project': {
        'name': 'q', 'tags': ['x'], 'options': {}}}).json['project']
    assert set(project) == PROJECT_KEYS
    assert admin.post(V3 + '/projects', {'project': {
        'name': 'r', 'enabled': 'yes'}}).status_int == 400


def test_hierarchy_queries_of_a_top_level_project(admin, demo):
    path = V3 + '/projects/' + demo['project_id']
    body = admin.get(path + '?parents_as_ids').json['project']
    assert body['parents'] == {'default': None}
    assert admin.get(path + '?parents_as_list').json['project'][
        'parents'] == []
    assert admin.get(path + '?subtree_as_list&include_limits').json[
        'project']['subtree'] == []
    body = admin.get(path + '?subtree_as_ids').json['project']
    assert 'subtree' in body and body['subtree'] is None
    assert set(admin.get(path).json['project']) == PROJECT_KEYS
    _error(admin.get(path + '?parents_as_list&parents_as_ids'), 400,
           'Cannot use parents_as_list and parents_as_ids query params at '
           'the same time.')
    _error(admin.get(path + '?subtree_as_list&subtree_as_ids'), 400,
           'Cannot use subtree_as_list and subtree_as_ids query params at '
           'the same time.')


def test_list_filters_parent_id_and_is_domain(admin, demo):
    # keystone 30's query schema wants a UUID there: no domain id.
    resp = admin.get(V3 + '/projects?parent_id=default')
    assert resp.status_int == 400 and resp.json['error']['message'] == (
        "Invalid input for field/attribute parent_id. Value: default. "
        "'default' is not a 'uuid'")
    assert admin.get(V3 + '/projects?parent_id=' + demo['project_id']).json[
        'projects'] == []
    domains = admin.get(V3 + '/projects?is_domain=true').json['projects']
    assert domains == [{
        'id': 'default', 'name': 'Default', 'domain_id': None,
        'description': 'The default domain', 'enabled': True,
        'parent_id': None, 'is_domain': True, 'tags': [], 'options': {},
        'links': {'self': 'http://localhost/identity/v3/projects/default'}}]
    assert len(admin.get(V3 + '/projects?is_domain=false').json[
        'projects']) == 2
