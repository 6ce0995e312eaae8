"""Unified limits: /v3/registered_limits, /v3/limits and /v3/limits/model
(keystone 30 facts; exact key sets from its API reference samples)."""
from support.identity import DEMO_PASSWORD, V3, as_token, issue
from support.identity import password_auth
from support.identity import keystone_error as _error
from stratus.common.conf import CONF

REGISTERED_KEYS = {'id', 'service_id', 'region_id', 'resource_name',
                   'default_limit', 'description', 'links'}
LIMIT_KEYS = {'id', 'project_id', 'domain_id', 'service_id', 'region_id',
              'resource_name', 'resource_limit', 'description', 'links'}
LIST_LINKS = {'self', 'previous', 'next'}
NO_REFERENCE = ('Unable to create a limit that has no corresponding '
                'registered limit.')


def _missing(attribute, target):
    return ('Expecting to find %s in %s. The server could not comply with '
            'the request since it is either malformed or otherwise '
            'incorrect. The client is assumed to be in error.'
            % (attribute, target))


def _service(admin, type_='volumev3', name='cinder'):
    resp = admin.post(V3 + '/services', {'service': {'type': type_,
                                                     'name': name}})
    assert resp.status_int == 201
    return resp.json['service']['id']


def _registered(admin, *items):
    resp = admin.post(V3 + '/registered_limits',
                      {'registered_limits': list(items)})
    assert resp.status_int == 201, resp.text
    return resp.json['registered_limits']


def _limits(admin, *items):
    resp = admin.post(V3 + '/limits', {'limits': list(items)})
    assert resp.status_int == 201, resp.text
    return resp.json['limits']


def _patch(client, path, body, **kw):
    return client.request('PATCH', V3 + path, body, **kw)


def test_registered_limit_crud_shapes(admin):
    svc = _service(admin)
    volume, snapshot = _registered(
        admin, {'service_id': svc, 'resource_name': 'volume',
                'default_limit': 10, 'description': 'Number of volumes'},
        {'service_id': svc, 'region_id': 'RegionOne',
         'resource_name': 'snapshot', 'default_limit': 5})
    assert set(volume) == REGISTERED_KEYS
    assert volume['region_id'] is None and volume['default_limit'] == 10
    assert snapshot['description'] is None
    assert snapshot['region_id'] == 'RegionOne'
    assert volume['links']['self'].endswith(
        '/identity/v3/registered_limits/' + volume['id'])
    shown = admin.get(V3 + '/registered_limits/' + volume['id'])
    assert shown.status_int == 200
    assert shown.json == {'registered_limit': volume}
    listing = admin.get(V3 + '/registered_limits').json
    assert set(listing) == {'registered_limits', 'links'}
    assert set(listing['links']) == LIST_LINKS
    assert listing['registered_limits'] == [volume, snapshot]
    for query, expected in (('service_id=' + svc, [volume, snapshot]),
                            ('region_id=RegionOne', [snapshot]),
                            ('resource_name=volume', [volume]),
                            ('service_id=' + 'a' * 32, [])):
        assert admin.get(V3 + '/registered_limits?' + query).json[
            'registered_limits'] == expected
    # Malformed filters are refused, as keystone's query schema does.
    for query in ('service_id=nope', 'resource_name=', 'region_id='):
        _error(admin.get(V3 + '/registered_limits?' + query), 400)
    assert admin.get(V3 + '/registered_limits?service_id=nope').json[
        'error']['message'] == ("Invalid input for field/attribute "
                                "service_id. Value: nope. 'nope' is not a "
                                "'uuid'")
    resp = _patch(admin, '/registered_limits/' + volume['id'],
                  {'registered_limit': {'default_limit': 20,
                                        'description': None,
                                        'region_id': 'RegionOne'}})
    assert resp.status_int == 200
    updated = resp.json['registered_limit']
    assert set(updated) == REGISTERED_KEYS
    assert (updated['default_limit'], updated['description'],
            updated['region_id']) == (20, None, 'RegionOne')
    assert admin.delete(V3 + '/registered_limits/' +
                        volume['id']).status_int == 204
    _error(admin.get(V3 + '/registered_limits/' + volume['id']), 404,
           'Could not find registered limit for %s.' % volume['id'])
    _error(admin.delete(V3 + '/registered_limits/' + volume['id']), 404)


def test_registered_limit_validation(admin):
    svc = _service(admin)
    post = lambda *items: admin.post(V3 + '/registered_limits',  # noqa
                                     {'registered_limits': list(items)})
    good = {'service_id': svc, 'resource_name': 'volume',
            'default_limit': 1}
    for bad in ({'registered_limits': []}, {'registered_limits': {}},
                {'registered_limit': [good]}, [good],
                {'registered_limits': [dict(good, default_limit=-2)]},
                {'registered_limits': [dict(good, default_limit='1')]},
                {'registered_limits': [dict(good, default_limit=2 ** 31)]},
                {'registered_limits': [dict(good, resource_name='')]},
                {'registered_limits': [dict(good, resource_name='x' * 256)]},
                {'registered_limits': [dict(good, extra=1)]},
                {'registered_limits': [dict(good, service_id='nope')]},
                {'registered_limits': [{'service_id': svc,
                                        'default_limit': 1}]}):
        _error(admin.post(V3 + '/registered_limits', bad), 400)
    resp = post(dict(good, default_limit=-2))
    assert resp.json['error']['message'] == (
        'Invalid input for field/attribute default_limit. Value: -2. -2 is '
        'less than the minimum of -1')
    _error(post(dict(good, service_id='9408080f1970482aa0e38bc2d4ea34b7')),
           400, _missing('service_id', 'registered_limit'))
    _error(post(dict(good, region_id='Nowhere')), 400,
           _missing('region_id', 'registered_limit'))
    _registered(admin, good, dict(good, region_id='RegionOne'))
    duplicate = ('Conflict occurred attempting to store registered_limit - '
                 'Duplicate entry.')
    _error(post(good), 409, duplicate)
    # The whole list is refused: the first item was not created.
    _error(post(dict(good, resource_name='other'), good), 409, duplicate)
    assert len(admin.get(V3 + '/registered_limits').json[
        'registered_limits']) == 2
    _error(post(dict(good, resource_name='x'), dict(good, resource_name='x')),
           409, duplicate)


def test_registered_limit_update_rules(admin):
    svc = _service(admin)
    one, two = _registered(
        admin, {'service_id': svc, 'resource_name': 'a', 'default_limit': 1},
        {'service_id': svc, 'resource_name': 'b', 'default_limit': 1})
    path = '/registered_limits/' + one['id']
    _error(_patch(admin, path, {'registered_limit': {
        'resource_name': 'b'}}), 409,
        'Conflict occurred attempting to store registered_limit - '
        'Duplicate entry.')
    _error(_patch(admin, path, {'registered_limit': {'id': 'x'}}), 400)
    _error(_patch(admin, path, {'registered_limit': {
        'region_id': 'Nowhere'}}), 400,
        _missing('region_id', 'registered_limit'))
    _error(_patch(admin, '/registered_limits/nope', {'registered_limit': {
        'default_limit': 3}}), 404,
        'Could not find registered limit for nope.')
    _limits(admin, {'service_id': svc, 'resource_name': 'a',
                    'resource_limit': 4, 'domain_id': 'default'})
    in_use = ('Unable to update or delete registered limit %s because '
              'there are project limits associated with it.' % one['id'])
    _error(_patch(admin, path, {'registered_limit': {
        'description': 'x'}}), 403, in_use)
    _error(admin.delete(V3 + path), 403, in_use)


def test_limit_crud_shapes(admin, demo):
    svc = _service(admin)
    _registered(admin, {'service_id': svc, 'resource_name': 'volume',
                        'default_limit': 10},
                {'service_id': svc, 'region_id': 'RegionOne',
                 'resource_name': 'snapshot', 'default_limit': 5})
    project_limit, domain_limit = _limits(
        admin, {'service_id': svc, 'project_id': demo['project_id'],
                'region_id': 'RegionOne', 'resource_name': 'snapshot',
                'resource_limit': 5},
        {'service_id': svc, 'domain_id': 'default',
         'resource_name': 'volume', 'resource_limit': 10,
         'description': 'Volumes of Default'})
    assert set(project_limit) == set(domain_limit) == LIMIT_KEYS
    assert project_limit['domain_id'] is None
    assert project_limit['region_id'] == 'RegionOne'
    assert project_limit['description'] is None
    assert domain_limit['project_id'] is None
    assert domain_limit['region_id'] is None
    assert domain_limit['links']['self'].endswith(
        '/identity/v3/limits/' + domain_limit['id'])
    shown = admin.get(V3 + '/limits/' + project_limit['id'])
    assert shown.status_int == 200 and shown.json == {'limit': project_limit}
    listing = admin.get(V3 + '/limits').json
    assert set(listing) == {'limits', 'links'}
    assert set(listing['links']) == LIST_LINKS
    assert listing['limits'] == [project_limit, domain_limit]
    for query, expected in (('service_id=' + svc, 2),
                            ('region_id=RegionOne', 1),
                            ('resource_name=volume', 1),
                            ('project_id=' + demo['project_id'], 1),
                            ('domain_id=default', 1),
                            ('domain_id=nope', 0)):
        assert len(admin.get(V3 + '/limits?' + query).json[
            'limits']) == expected
    for query in ('project_id=a%20b', 'domain_id=', 'service_id=x'):
        _error(admin.get(V3 + '/limits?' + query), 400)
    resp = _patch(admin, '/limits/' + project_limit['id'], {'limit': {
        'resource_limit': 0, 'description': 'Snapshots of demo'}})
    assert resp.status_int == 200
    assert set(resp.json['limit']) == LIMIT_KEYS
    assert resp.json['limit']['resource_limit'] == 0
    assert resp.json['limit']['description'] == 'Snapshots of demo'
    for bad in ({'limit': {'resource_name': 'x'}},
                {'limit': {'project_id': 'x'}},
                {'limit': {'resource_limit': -2}}, {}):
        _error(_patch(admin, '/limits/' + project_limit['id'], bad), 400)
    assert admin.delete(V3 + '/limits/' +
                        project_limit['id']).status_int == 204
    _error(admin.get(V3 + '/limits/' + project_limit['id']), 404,
           'Could not find limit for %s.' % project_limit['id'])
    _error(_patch(admin, '/limits/nope', {'limit': {'resource_limit': 1}}),
           404, 'Could not find limit for nope.')


def test_limit_create_validation(admin, demo):
    svc = _service(admin)
    _registered(admin, {'service_id': svc, 'resource_name': 'volume',
                        'default_limit': 10})
    good = {'service_id': svc, 'project_id': demo['project_id'],
            'resource_name': 'volume', 'resource_limit': 3}
    post = lambda *items: admin.post(V3 + '/limits',  # noqa
                                     {'limits': list(items)})
    both = dict(good, domain_id='default')
    neither = {k: v for k, v in good.items() if k != 'project_id'}
    for bad in (both, neither, dict(good, resource_limit=-5),
                dict(good, project_id='bad id'), dict(good, other=1)):
        _error(post(bad), 400)
    _error(post(dict(good, project_id='nope')), 400,
           _missing('project_id', 'limit'))
    _error(post(dict(neither, domain_id='nope')), 400,
           _missing('domain_id', 'limit'))
    _error(post(dict(good, service_id='9408080f1970482aa0e38bc2d4ea34b7')),
           400, _missing('service_id', 'limit'))
    # No registered limit for the resource, or for it in that region.
    _error(post(dict(good, resource_name='gigabytes')), 403, NO_REFERENCE)
    _error(post(dict(good, region_id='RegionOne')), 403, NO_REFERENCE)
    _limits(admin, good)
    _error(post(good), 409,
           'Conflict occurred attempting to store limit - Duplicate entry.')
    # A project id naming a domain makes a domain limit, as in keystone.
    created = _limits(admin, dict(good, project_id='default'))[0]
    assert created['domain_id'] == 'default' and created['project_id'] is None


def test_limits_of_a_deleted_project_go(admin, demo):
    svc = _service(admin)
    _registered(admin, {'service_id': svc, 'resource_name': 'volume',
                        'default_limit': 10})
    _limits(admin, {'service_id': svc, 'project_id': demo['project_id'],
                    'resource_name': 'volume', 'resource_limit': 3})
    assert admin.delete(V3 + '/projects/' +
                        demo['project_id']).status_int == 204
    assert admin.get(V3 + '/limits').json['limits'] == []


def test_policies(admin, demo):
    svc = _service(admin)
    reg = _registered(admin, {'service_id': svc, 'resource_name': 'volume',
                              'default_limit': 10})[0]
    other = admin.post(V3 + '/projects', {'project': {
        'name': 'other'}}).json['project']
    mine, theirs, domain = _limits(
        admin, {'service_id': svc, 'project_id': demo['project_id'],
                'resource_name': 'volume', 'resource_limit': 3},
        {'service_id': svc, 'project_id': other['id'],
         'resource_name': 'volume', 'resource_limit': 4},
        {'service_id': svc, 'domain_id': 'default',
         'resource_name': 'volume', 'resource_limit': 9})
    user = as_token(demo['token'])
    # Registered limits and the model: anyone authenticated reads them.
    assert admin.get(V3 + '/registered_limits', headers=user).json[
        'registered_limits'] == [reg]
    assert admin.get(V3 + '/registered_limits/' + reg['id'],
                     headers=user).status_int == 200
    assert admin.get(V3 + '/limits/model', headers=user).status_int == 200
    # A project user lists and shows its own project's limits only.
    listed = admin.get(V3 + '/limits', headers=user).json['limits']
    assert [r['id'] for r in listed] == [mine['id']]
    assert admin.get(V3 + '/limits?project_id=' + other['id'],
                     headers=user).json['limits'] == []
    assert admin.get(V3 + '/limits/' + mine['id'],
                     headers=user).status_int == 200
    for limit_id, action in ((theirs['id'], 'get_limit'),
                             (domain['id'], 'get_limit'),
                             ('nope', 'get_limit')):
        _error(admin.get(V3 + '/limits/' + limit_id, headers=user), 403,
               'You are not authorized to perform the requested action: '
               'identity:%s.' % action)
    # Writes are the admin's.
    for method, path, body, action in (
            # keystone checks bodies before policy: valid ones here.
            ('POST', '/registered_limits', {'registered_limits': [{
                'service_id': svc, 'resource_name': 'x',
                'default_limit': 1}]}, 'create_registered_limits'),
            ('PATCH', '/registered_limits/' + reg['id'],
             {'registered_limit': {'default_limit': 1}},
             'update_registered_limit'),
            ('DELETE', '/registered_limits/' + reg['id'], None,
             'delete_registered_limit'),
            ('POST', '/limits', {'limits': [{
                'service_id': svc, 'project_id': demo['project_id'],
                'resource_name': 'x', 'resource_limit': 1}]},
             'create_limits'),
            ('PATCH', '/limits/' + mine['id'], {'limit': {
                'resource_limit': 1}}, 'update_limit'),
            ('DELETE', '/limits/' + mine['id'], None, 'delete_limit')):
        _error(admin.request(method, V3 + path, body, headers=user), 403,
               'You are not authorized to perform the requested action: '
               'identity:%s.' % action)
    # Without a token: 401.
    for path in ('/registered_limits', '/limits', '/limits/model'):
        assert admin.get(V3 + path, headers={
            'X-Auth-Token': ''}).status_int == 401


def test_limit_model(admin):
    resp = admin.get(V3 + '/limits/model')
    assert resp.status_int == 200
    assert resp.json == {'model': {
        'name': 'flat', 'description': 'Limit enforcement and validation '
        'does not take project hierarchy into consideration.'}}
    assert admin.request('HEAD', V3 + '/limits/model').status_int == 200
    assert admin.request('PATCH', V3 + '/limits/model',
                         {'limit': {}}).status_int == 405
    assert admin.get(V3 + '/limits/model/x').status_int == 404


def test_integral_floats_are_integers(admin, demo):
    svc = _service(admin)
    reg = _registered(admin, {'service_id': svc, 'resource_name': 'volume',
                              'default_limit': 10.0})[0]
    assert reg['default_limit'] == 10 and type(reg['default_limit']) is int
    limit = _limits(admin, {'service_id': svc, 'resource_name': 'volume',
                            'project_id': demo['project_id'],
                            'resource_limit': 3.0})[0]
    assert type(limit['resource_limit']) is int
    resp = _patch(admin, '/limits/' + limit['id'], {'limit': {
        'resource_limit': 4.0}})
    assert type(resp.json['limit']['resource_limit']) is int


def test_strict_two_level(admin, demo):
    CONF.set_override('enforcement_model', 'strict_two_level',
                      'unified_limit')
    try:
        assert admin.get(V3 + '/limits/model').json['model'] == {
            'name': 'strict_two_level', 'description': 'This model requires '
            'project hierarchy never exceeds a depth of two'}
        svc = _service(admin)
        _registered(admin, {'service_id': svc, 'resource_name': 'volume',
                            'default_limit': 10})
        project = {'service_id': svc, 'project_id': demo['project_id'],
                   'resource_name': 'volume'}
        domain = {'service_id': svc, 'domain_id': 'default',
                  'resource_name': 'volume'}

        def refused(level, owner, value):
            return ("Invalid resource limit: The resource limit (%s: %s, "
                    "resource_name: volume, resource_limit: %s, service_id: "
                    "%s, region_id: None) doesn't satisfy current hierarchy "
                    "model.." % (level, owner, value, svc))
        # Without a domain limit, the registered default bounds projects.
        _error(admin.post(V3 + '/limits', {'limits': [
            dict(project, resource_limit=11)]}), 403,
            refused('project_id', demo['project_id'], 11))
        # A domain limit in the same request raises the bound.
        first, second = _limits(admin, dict(domain, resource_limit=20),
                                dict(project, resource_limit=15))
        _error(_patch(admin, '/limits/' + first['id'], {'limit': {
            'resource_limit': 14}}), 403, refused('domain_id', 'default', 14))
        _error(_patch(admin, '/limits/' + second['id'], {'limit': {
            'resource_limit': 21}}), 403,
            refused('project_id', demo['project_id'], 21))
        assert _patch(admin, '/limits/' + second['id'], {'limit': {
            'resource_limit': 20}}).status_int == 200
    finally:
        CONF.clear_override('enforcement_model', 'unified_limit')


def test_service_or_region_of_a_registered_limit_stays(admin):
    """keystone fails (500) on the foreign key; stratus answers 409."""
    svc = _service(admin)
    assert admin.post(V3 + '/regions', {'region': {
        'id': 'RegionTwo'}}).status_int == 201
    reg = _registered(admin, {'service_id': svc, 'region_id': 'RegionTwo',
                              'resource_name': 'volume',
                              'default_limit': 10})[0]
    _error(admin.delete(V3 + '/services/' + svc), 409,
           'Conflict occurred attempting to store service - service %s is '
           'in use by registered limits.' % svc)
    _error(admin.delete(V3 + '/regions/RegionTwo'), 409,
           'Conflict occurred attempting to store region - region RegionTwo '
           'is in use by registered limits.')
    assert admin.delete(V3 + '/registered_limits/' +
                        reg['id']).status_int == 204
    assert admin.delete(V3 + '/services/' + svc).status_int == 204
    assert admin.delete(V3 + '/regions/RegionTwo').status_int == 204


def test_limits_of_a_deleted_domain_go_and_head(admin):
    domain = admin.post(V3 + '/domains', {'domain': {
        'name': 'limited'}}).json['domain']
    project = admin.post(V3 + '/projects', {'project': {
        'name': 'in-limited', 'domain_id': domain['id']}}).json['project']
    svc = _service(admin)
    reg = _registered(admin, {'service_id': svc, 'resource_name': 'volume',
                              'default_limit': 10})[0]
    limit = _limits(admin, {'service_id': svc, 'domain_id': domain['id'],
                            'resource_name': 'volume', 'resource_limit': 3},
                    {'service_id': svc, 'project_id': project['id'],
                     'resource_name': 'volume', 'resource_limit': 2})[0]
    for path in ('/registered_limits', '/registered_limits/' + reg['id'],
                 '/limits', '/limits/' + limit['id']):
        resp = admin.request('HEAD', V3 + path)
        assert resp.status_int == 200 and resp.body == b''
    assert _patch(admin, '/domains/' + domain['id'], {'domain': {
        'enabled': False}}).status_int == 200
    assert admin.delete(V3 + '/domains/' + domain['id']).status_int == 204
    assert admin.get(V3 + '/limits').json['limits'] == []
    # Nothing refers to the registered limit any more.
    assert admin.delete(V3 + '/registered_limits/' +
                        reg['id']).status_int == 204


def test_domain_scoped_reader_sees_its_domain(admin, demo):
    svc = _service(admin)
    _registered(admin, {'service_id': svc, 'resource_name': 'volume',
                        'default_limit': 10})
    other = admin.post(V3 + '/domains', {'domain': {
        'name': 'other'}}).json['domain']
    in_default, in_other = _limits(
        admin, {'service_id': svc, 'project_id': demo['project_id'],
                'resource_name': 'volume', 'resource_limit': 3},
        {'service_id': svc, 'domain_id': other['id'],
         'resource_name': 'volume', 'resource_limit': 4})
    reader = admin.get(V3 + '/roles?name=reader').json['roles'][0]['id']
    assert admin.put(V3 + '/domains/default/users/%s/roles/%s' % (
        demo['user_id'], reader)).status_int == 204
    resp = issue(admin, password_auth('demo', DEMO_PASSWORD, scope={
        'domain': {'id': 'default'}}))
    assert resp.status_int == 201, resp.text
    token = as_token(resp.headers['X-Subject-Token'])
    listed = admin.get(V3 + '/limits', headers=token).json['limits']
    assert [r['id'] for r in listed] == [in_default['id']]
    assert admin.get(V3 + '/limits/' + in_default['id'],
                     headers=token).status_int == 200
    _error(admin.get(V3 + '/limits/' + in_other['id'], headers=token), 403)
