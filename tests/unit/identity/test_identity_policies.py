"""/v3/policies and OS-ENDPOINT-POLICY (keystone v3 facts; exact key sets
from keystone's API reference samples and code)."""
from support.identity import V3, as_token
from support.identity import keystone_error as _error

POLICY_KEYS = {'id', 'blob', 'type', 'links'}
EP = 'OS-ENDPOINT-POLICY'
POLICY_ENDPOINT_KEYS = {'id', 'interface', 'region_id', 'service_id', 'url',
                        'enabled', 'links'}


def _policy(admin, blob='{"a": "role:admin"}', type_='application/json',
            **extra):
    resp = admin.post(V3 + '/policies', {'policy': dict(
        blob=blob, type=type_, **extra)})
    assert resp.status_int == 201, resp.text
    return resp.json['policy']


def test_policy_crud_shapes(admin):
    policy = _policy(admin)
    assert set(policy) == POLICY_KEYS and len(policy['id']) == 32
    assert policy['blob'] == '{"a": "role:admin"}'
    assert policy['links']['self'] == (
        'http://localhost/identity/v3/policies/' + policy['id'])
    path = V3 + '/policies/' + policy['id']
    assert admin.get(path).json == {'policy': policy}
    other = _policy(admin, type_='text/plain', team='ops')
    assert other['team'] == 'ops'
    listing = admin.get(V3 + '/policies').json
    assert set(listing) == {'policies', 'links'}
    assert {p['id'] for p in listing['policies']} == {policy['id'],
                                                       other['id']}
    assert [p['id'] for p in admin.get(
        V3 + '/policies?type=text/plain').json['policies']] == [other['id']]
    resp = admin.request('PATCH', path, {'policy': {'blob': '{}'}})
    assert resp.status_int == 200
    assert resp.json['policy']['blob'] == '{}'
    assert resp.json['policy']['type'] == 'application/json'
    assert admin.delete(path).status_int == 204
    _error(admin.get(path), 404, 'Could not find policy: %s.' % policy['id'])
    _error(admin.delete(path), 404)


def test_policy_validation(admin):
    post = lambda body: admin.post(V3 + '/policies', body)  # noqa
    # keystone's older validator: the `policy` member, the whole
    # explanation (quoting keystone's schema) after the first line.
    required = ("'blob' is a required property\n\n"
                "Failed validating 'required' in schema:\n"
                "    {'type': 'object',\n"
                "     'properties': {'blob': {'type': 'string'},\n"
                "                    'type': {'type': 'string', "
                "'maxLength': 255}},\n"
                "     'required': ['blob', 'type'],\n"
                "     'additionalProperties': True}\n\n"
                "On instance:\n    %s")
    _error(post({'policy': {'type': 'x'}}), 400, required % "{'type': 'x'}")
    _error(post({}), 400, required % '{}')
    _error(post({'policy': {'blob': {'a': 1}, 'type': 'x'}}), 400,
           "Invalid input for field 'blob': {'a': 1} is not of type "
           "'string'\n\nFailed validating 'type' in schema['properties']"
           "['blob']:\n    {'type': 'string'}\n\nOn instance['blob']:\n"
           "    {'a': 1}")
    _error(post({'policy': {'blob': 'x', 'type': 'x' * 256}}), 400)
    policy = _policy(admin)
    path = V3 + '/policies/' + policy['id']
    _error(admin.request('PATCH', path, {'policy': {}}), 400)
    _error(admin.request('PATCH', path, {'policy': {'id': 'other'}}), 400,
           'Cannot change policy ID')
    _error(admin.request('PATCH', V3 + '/policies/nope', {
        'policy': {'blob': 'x'}}), 404, 'Could not find policy: nope.')


def _catalog(admin):
    svc = admin.post(V3 + '/services', {'service': {
        'type': 'compute', 'name': 'nova'}}).json['service']
    admin.post(V3 + '/regions', {'region': {'id': 'Child',
                                            'parent_region_id': 'RegionOne'}})
    eps = {}
    for name, region in (('one', 'RegionOne'), ('child', 'Child')):
        eps[name] = admin.post(V3 + '/endpoints', {'endpoint': {
            'service_id': svc['id'], 'interface': 'public',
            'url': 'http://%s/' % name, 'region_id': region}}).json[
            'endpoint']
    return svc, eps


def test_associations_check_and_delete(admin):
    svc, eps = _catalog(admin)
    policy = _policy(admin)
    base = V3 + '/policies/%s/%s' % (policy['id'], EP)
    for path in ('/endpoints/' + eps['one']['id'],
                 '/services/' + svc['id'],
                 '/services/%s/regions/RegionOne' % svc['id']):
        _error(admin.get(base + path), 404,
               'Could not find policy association.')
        assert admin.put(base + path).status_int == 204
        assert admin.put(base + path).status_int == 204  # idempotent
        assert admin.get(base + path).status_int == 204
        assert admin.request('HEAD', base + path).status_int == 204
        assert admin.delete(base + path).status_int == 204
        assert admin.delete(base + path).status_int == 204  # as keystone
        _error(admin.get(base + path), 404)
    _error(admin.put(base + '/endpoints/nope'), 404,
           'Could not find endpoint: nope.')
    _error(admin.put(base + '/services/nope'), 404,
           'Could not find service: nope.')
    _error(admin.put(base + '/services/%s/regions/nope' % svc['id']), 404,
           'Could not find region: nope.')
    _error(admin.put(V3 + '/policies/nope/%s/services/%s' % (EP, svc['id'])),
           404, 'Could not find policy: nope.')


def test_policy_endpoints_and_resolution(admin):
    svc, eps = _catalog(admin)
    by_service, by_region, by_endpoint = (_policy(admin) for _ in range(3))
    path = V3 + '/endpoints/%s/' + EP + '/policy'
    _error(admin.get(path % eps['child']['id']), 404,
           'No policy is associated with endpoint %s.' % eps['child']['id'])
    _error(admin.get(path % 'nope'), 404, 'Could not find endpoint: nope.')

    def put(policy, tail):
        assert admin.put(V3 + '/policies/%s/%s/%s' % (
            policy['id'], EP, tail)).status_int == 204

    def resolved(name):
        resp = admin.get(path % eps[name]['id'])
        assert resp.status_int == 200, resp.text
        assert set(resp.json) == {'policy'}
        assert set(resp.json['policy']) == POLICY_KEYS
        return resp.json['policy']['id']

    put(by_service, 'services/' + svc['id'])
    assert resolved('child') == by_service['id']
    # A region's association covers the regions below it.
    put(by_region, 'services/%s/regions/RegionOne' % svc['id'])
    assert resolved('child') == by_region['id']
    assert resolved('one') == by_region['id']
    put(by_endpoint, 'endpoints/' + eps['child']['id'])
    assert resolved('child') == by_endpoint['id']
    assert resolved('one') == by_region['id']
    # Keystone links this policy below /v3/endpoints.
    shown = admin.get(path % eps['child']['id']).json['policy']
    assert shown['links']['self'].endswith('/v3/endpoints/' +
                                           by_endpoint['id'])

    def listed(policy):
        body = admin.get(V3 + '/policies/%s/%s/endpoints'
                         % (policy['id'], EP)).json
        assert set(body) == {'endpoints', 'links'}
        for ep in body['endpoints']:
            assert set(ep) == POLICY_ENDPOINT_KEYS
        return sorted(e['url'] for e in body['endpoints'])

    assert listed(by_service) == ['http://child/', 'http://one/']
    assert listed(by_region) == ['http://child/', 'http://one/']
    assert listed(by_endpoint) == ['http://child/']
    _error(admin.get(V3 + '/policies/nope/%s/endpoints' % EP), 404)
    # Associations go with their policy or endpoint.
    assert admin.delete(V3 + '/endpoints/' +
                        eps['child']['id']).status_int == 204
    assert listed(by_endpoint) == []
    assert admin.delete(V3 + '/policies/' +
                        by_region['id']).status_int == 204
    assert resolved('one') == by_service['id']


def test_member_cannot_use_policies(admin, demo):
    svc, eps = _catalog(admin)
    policy = _policy(admin)
    headers = as_token(demo['token'])
    base = '/policies/%s/%s' % (policy['id'], EP)
    for method, path in (
            ('GET', '/policies'), ('POST', '/policies'),
            ('GET', '/policies/' + policy['id']),
            ('PATCH', '/policies/' + policy['id']),
            ('DELETE', '/policies/' + policy['id']),
            ('PUT', base + '/services/' + svc['id']),
            ('GET', base + '/endpoints'),
            ('GET', '/endpoints/%s/%s/policy' % (eps['one']['id'], EP))):
        body = {'policy': {'blob': 'x', 'type': 'y'}} \
            if method in ('POST', 'PATCH') else None
        resp = admin.request(method, V3 + path, body, headers=headers)
        _error(resp, 403)


def test_odd_requests_get_a_4xx(admin):
    svc, eps = _catalog(admin)
    policy = _policy(admin)
    base = V3 + '/policies/%s/%s' % (policy['id'], EP)
    for method, path, body in (
            ('POST', V3 + '/policies', [1]),
            ('POST', V3 + '/policies', 'x'),
            ('PATCH', V3 + '/policies/' + policy['id'], [1]),
            ('GET', base, None),
            ('PUT', base + '/services', None),
            ('GET', base + '/services', None),
            ('PUT', base + '/services/%s/regions' % svc['id'], None),
            ('GET', base + '/nope', None),
            ('GET', V3 + '/endpoints/%s/%s' % (eps['one']['id'], EP), None),
            ('PUT', V3 + '/endpoints/%s/%s/policy' % (eps['one']['id'], EP),
             None),
            ('GET', V3 + '/endpoints/%s/%s/policy/x' % (eps['one']['id'],
                                                        EP), None),
            ('GET', V3 + '/OS-EP-FILTER', None),
            ('GET', V3 + '/OS-EP-FILTER/projects', None),
            ('GET', V3 + '/OS-EP-FILTER/endpoints/%s' % eps['one']['id'],
             None),
            ('POST', V3 + '/OS-EP-FILTER/endpoint_groups', [1]),
            ('PUT', V3 + '/OS-EP-FILTER/projects/x/endpoints', None)):
        resp = admin.request(method, path, body)
        assert 400 <= resp.status_int < 500, (method, path, resp.text)


def test_documented_policy_policy_route_is_not_keystones(admin):
    """The API reference documents GET/HEAD .../OS-ENDPOINT-POLICY/policy
    below a policy; keystone has no such route."""
    policy = _policy(admin)
    path = V3 + '/policies/%s/%s/policy' % (policy['id'], EP)
    _error(admin.get(path), 404)
    assert admin.request('HEAD', path).status_int == 404
