"""keystone 30.0.0's published response schemas against stratus's answers.

The identity client (conftest.py) checks every successful answer; these
tests check the checker, then drive the answer variants the other identity
tests do not reach (names, inheritance, subtrees, options, access rules,
redelegation, ...) so keystone's schemas see them too."""
import pytest

from support import identity_schemas
from support.identity import V3

pytestmark = pytest.mark.usefixtures('_keystone_schemas')


@pytest.fixture
def _keystone_schemas():
    identity_schemas.skip_unless_available()


def test_every_served_schema_route_is_known():
    found = identity_schemas.schemas()
    assert 'GET /v3/projects/<project_id>' in found
    assert 'GET /v3/role_assignments' in found
    assert len(found) >= 80


def test_request_paths_map_to_keystone_route_templates():
    t = identity_schemas.template_for
    assert t('GET', V3 + '/projects/abc?x=1') == '/v3/projects/<project_id>'
    assert t('GET', V3 + '/limits/model') == '/v3/limits/model'
    assert t('GET', V3 + '/limits/abc') == '/v3/limits/<limit_id>'
    assert t('DELETE', V3 + '/projects/abc') is None
    assert t('GET', '/compute/v2.1/servers') is None


def test_a_body_keystone_would_refuse_fails_with_the_field_named():
    with pytest.raises(AssertionError) as err:
        identity_schemas.check('GET', '/v3/limits/<limit_id>', {
            'limit': {'id': 'x', 'extra': 1}})
    assert 'limit' in str(err.value) and "'extra'" in str(err.value)
    with pytest.raises(AssertionError):
        identity_schemas.check_response(
            'GET', V3 + '/users/u1', 200, '{"user": {"id": "u1"}}')
    # Errors and routes without a schema are not judged.
    identity_schemas.check_response('GET', V3 + '/users/u1', 404, '{}')
    identity_schemas.check_response('GET', V3 + '/auth/catalog', 200, '{}')


def _ids(admin):
    project = admin.post(V3 + '/projects', {'project': {
        'name': 'sch-p', 'description': 'd', 'tags': ['a', 'b'],
        'options': {'immutable': False}}}).json['project']
    # stratus keeps projects flat (parent = domain): no child project.
    child = project
    user = admin.post(V3 + '/users', {'user': {
        'name': 'sch-u', 'password': 'pw', 'description': 'x',
        'default_project_id': project['id'],
        'options': {'ignore_password_expiry': True}}}).json['user']
    group = admin.post(V3 + '/groups', {'group': {
        'name': 'sch-g', 'description': 'g'}}).json['group']
    role = admin.post(V3 + '/roles', {'role': {
        'name': 'sch-r', 'description': 'r',
        'options': {'immutable': False}}}).json['role']
    domain_role = admin.post(V3 + '/roles', {'role': {
        'name': 'sch-dr', 'domain_id': 'default'}}).json['role']
    implied = admin.post(V3 + '/roles', {'role': {
        'name': 'sch-implied'}}).json['role']
    return {'project': project['id'], 'implied': implied['id'],
            'child': child['id'],
            'user': user['id'], 'group': group['id'], 'role': role['id'],
            'domain_role': domain_role['id']}


def _ok(resp):
    assert resp.status_int < 300, resp.text
    return resp


def test_role_assignment_listings_in_every_shape(admin):
    ids = _ids(admin)
    _ok(admin.put(V3 + '/groups/%s/users/%s' % (ids['group'], ids['user'])))
    for path in (
            '/projects/%(project)s/users/%(user)s/roles/%(role)s',
            '/projects/%(project)s/groups/%(group)s/roles/%(role)s',
            '/domains/default/users/%(user)s/roles/%(role)s',
            '/domains/default/groups/%(group)s/roles/%(role)s',
            '/system/users/%(user)s/roles/%(role)s',
            '/system/groups/%(group)s/roles/%(role)s',
            '/OS-INHERIT/projects/%(project)s/users/%(user)s/roles/'
            '%(role)s/inherited_to_projects',
            '/OS-INHERIT/domains/default/groups/%(group)s/roles/'
            '%(role)s/inherited_to_projects'):
        _ok(admin.put(V3 + path % ids))
    _ok(admin.put(V3 + '/roles/%(role)s/implies/%(implied)s' % ids))
    for query in ('', '?include_names', '?effective',
                  '?effective&include_names',
                  '?scope.project.id=%(child)s&include_subtree=true',
                  '?scope.project.id=%(project)s&include_subtree=true'
                  '&effective&include_names',
                  '?user.id=%(user)s&effective',
                  '?scope.OS-INHERIT:inherited_to=projects',
                  '?scope.system=all&include_names',
                  '?group.id=%(group)s&include_names',
                  '?role.id=%(implied)s&effective&include_names'):
        _ok(admin.get(V3 + '/role_assignments' + query % ids))
    for path in ('/projects/%(project)s/users/%(user)s/roles',
                 '/projects/%(project)s/groups/%(group)s/roles',
                 '/domains/default/users/%(user)s/roles',
                 '/domains/default/groups/%(group)s/roles',
                 '/system/users/%(user)s/roles',
                 '/system/groups/%(group)s/roles',
                 '/role_inferences', '/roles/%(role)s/implies',
                 '/roles/%(role)s/implies/%(implied)s',
                 '/roles?domain_id=default', '/roles/%(domain_role)s'):
        _ok(admin.get(V3 + path % ids))


def test_projects_users_and_domains_with_their_extras(admin):
    ids = _ids(admin)
    _ok(admin.put(V3 + '/projects/%(child)s/users/%(user)s/roles/%(role)s'
                  % ids))
    for query in ('', '?parents_as_list', '?subtree_as_list',
                  '?parents_as_ids', '?subtree_as_ids',
                  '?parents_as_list&subtree_as_list'):
        _ok(admin.get(V3 + '/projects/%s%s' % (ids['child'], query)))
        _ok(admin.get(V3 + '/projects/%s%s' % (ids['project'], query)))
    for query in ('', '?is_domain=true', '?tags=a', '?parent_id=%(project)s',
                  '?name=sch-p', '?enabled=true'):
        _ok(admin.get(V3 + '/projects' + query % ids))
    _ok(admin.get(V3 + '/users/%(user)s/projects' % ids))
    _ok(admin.request('PATCH', V3 + '/projects/%(project)s' % ids, {
        'project': {'tags': ['c'], 'options': {'immutable': False}}}))
    for query in ('', '?name=sch-u', '?domain_id=default', '?enabled=true'):
        _ok(admin.get(V3 + '/users' + query))
    _ok(admin.get(V3 + '/users/%(user)s' % ids))
    _ok(admin.request('PATCH', V3 + '/users/%(user)s' % ids, {'user': {
        'options': {'lock_password': True}, 'email': 'x@y'}}))
    _ok(admin.get(V3 + '/groups/%(group)s' % ids))
    _ok(admin.get(V3 + '/users/%(user)s/groups' % ids))
    domain = _ok(admin.post(V3 + '/domains', {'domain': {
        'name': 'sch-d', 'description': 'dd',
        'options': {'immutable': False}}})).json['domain']
    _ok(admin.request('PATCH', V3 + '/domains/' + domain['id'],
                      {'domain': {'enabled': False}}))
    _ok(admin.get(V3 + '/domains?enabled=false'))
    _ok(admin.get(V3 + '/domains/' + domain['id']))


def test_catalog_objects_with_every_optional_field(admin):
    region = _ok(admin.post(V3 + '/regions', {'region': {
        'id': 'SchParent', 'description': 'p'}})).json['region']
    _ok(admin.put(V3 + '/regions/SchChild', {'region': {
        'parent_region_id': region['id']}}))
    _ok(admin.get(V3 + '/regions?parent_region_id=SchParent'))
    service = _ok(admin.post(V3 + '/services', {'service': {
        'type': 'sch-type', 'name': 'sch', 'description': 'svc',
        'enabled': False}})).json['service']
    _ok(admin.get(V3 + '/services/' + service['id']))
    _ok(admin.get(V3 + '/services?type=sch-type'))
    endpoint = _ok(admin.post(V3 + '/endpoints', {'endpoint': {
        'service_id': service['id'], 'interface': 'internal',
        'url': 'http://sch/x', 'region_id': 'SchChild',
        'enabled': False}})).json['endpoint']
    _ok(admin.get(V3 + '/endpoints/' + endpoint['id']))
    _ok(admin.get(V3 + '/endpoints?interface=internal&region=SchChild'))
    group = _ok(admin.post(V3 + '/OS-EP-FILTER/endpoint_groups', {
        'endpoint_group': {'name': 'sch-eg', 'description': 'e',
                           'filters': {'interface': 'internal',
                                       'service_id': service['id']}}})
    ).json['endpoint_group']
    _ok(admin.get(V3 + '/OS-EP-FILTER/endpoint_groups/' + group['id']))
    _ok(admin.get(V3 + '/OS-EP-FILTER/endpoint_groups?name=sch-eg'))
