"""System scope (keystone 30): system role assignments, system-scoped
tokens, /v3/auth/system, and role assignments on the system. Exact key
sets from keystone's API reference samples."""
import webob

from support.identity import ADMIN_PASSWORD, DEMO_PASSWORD, V3, as_token
from support.identity import issue, password_auth
from support.identity import keystone_error as _error
from stratus.api.middleware import auth
from stratus.api.middleware import request_id
from stratus.common import context
from stratus.common import rpc
from stratus.db.api import tokens

SYSTEM = {'system': {'all': True}}
TOKEN_KEYS = {'methods', 'user', 'audit_ids', 'expires_at', 'issued_at',
              'system', 'roles', 'catalog'}


def _role_id(admin, name):
    return admin.get(V3 + '/roles?name=' + name).json['roles'][0]['id']


def _system_token(client, name, password):
    return issue(client, password_auth(name, password, scope=SYSTEM))


def _path(actor, actor_id, role_id=None):
    path = V3 + '/system/%s/%s/roles' % (actor, actor_id)
    return path + ('/' + role_id if role_id else '')


def test_user_system_grants(admin, demo):
    reader = _role_id(admin, 'reader')
    user = demo['user_id']
    assert admin.get(_path('users', user)).json['roles'] == []
    _error(admin.get(_path('users', user, reader)), 404,
           'Could not find role assignment with role: %s, user or group: '
           '%s, project, domain, or system: system.' % (reader, user))
    assert admin.put(_path('users', user, reader)).status_int == 204
    # Idempotent, like keystone's PUT.
    assert admin.put(_path('users', user, reader)).status_int == 204
    assert admin.get(_path('users', user, reader)).status_int == 204
    assert admin.request('HEAD', _path('users', user, reader)
                         ).status_int == 204
    listing = admin.get(_path('users', user)).json
    assert set(listing) == {'roles', 'links'}
    assert set(listing['links']) == {'self', 'previous', 'next'}
    assert listing['links']['self'].endswith(
        '/identity/v3/system/users/%s/roles' % user)
    assert [r['id'] for r in listing['roles']] == [reader]
    assert {'id', 'name', 'domain_id', 'links'} <= set(listing['roles'][0])
    assert admin.delete(_path('users', user, reader)).status_int == 204
    _error(admin.delete(_path('users', user, reader)), 404)
    assert admin.get(_path('users', user)).json['roles'] == []


def test_group_system_grants(admin, demo):
    member = _role_id(admin, 'member')
    group = admin.post(V3 + '/groups', {'group': {'name': 'ops'}}).json[
        'group']['id']
    assert admin.put(_path('groups', group, member)).status_int == 204
    assert admin.get(_path('groups', group, member)).status_int == 204
    assert [r['name'] for r in admin.get(_path('groups', group)).json[
        'roles']] == ['member']
    assert admin.delete(_path('groups', group, member)).status_int == 204
    _error(admin.get(_path('groups', group, member)), 404)


def test_system_grant_unknowns_and_domain_roles(admin, demo):
    reader = _role_id(admin, 'reader')
    _error(admin.put(_path('users', demo['user_id'], 'nope')), 404,
           'Could not find role: nope.')
    _error(admin.put(_path('users', 'nobody', reader)), 404,
           'Could not find user: nobody.')
    _error(admin.get(_path('users', 'nobody')), 404,
           'Could not find user: nobody.')
    _error(admin.put(_path('groups', 'nogroup', reader)), 404,
           'Could not find group: nogroup.')
    # Revoking for a user that is gone is the missing assignment's 404.
    _error(admin.delete(_path('users', 'nobody', reader)), 404,
           'Could not find role assignment with role: %s, user or group: '
           'nobody, project, domain, or system: system.' % reader)
    role = admin.post(V3 + '/roles', {'role': {
        'name': 'local', 'domain_id': 'default'}}).json['role']
    _error(admin.put(_path('users', demo['user_id'], role['id'])), 400,
           'Role %s is a domain-specific role. Unable to use a '
           'domain-specific role in a system assignment.' % role['id'])


def test_system_grants_need_admin(admin, demo):
    reader = _role_id(admin, 'reader')
    headers = as_token(demo['token'])
    _error(admin.put(_path('users', demo['user_id'], reader),
                     headers=headers), 403,
           'You are not authorized to perform the requested action: '
           'identity:create_system_grant_for_user.')
    _error(admin.get(_path('users', demo['user_id']), headers=headers), 403,
           'You are not authorized to perform the requested action: '
           'identity:list_system_grants_for_user.')


def test_admin_system_token_shape(admin):
    resp = _system_token(admin, 'admin', ADMIN_PASSWORD)
    assert resp.status_int == 201, resp.text
    token = resp.json['token']
    assert set(token) == TOKEN_KEYS
    assert token['system'] == {'all': True}
    # admin implies manager, member, reader (bootstrap).
    assert [r['name'] for r in token['roles']] == [
        'admin', 'manager', 'member', 'reader']
    assert set(token['roles'][0]) == {'id', 'name'}
    assert token['catalog'][0]['type'] == 'identity'
    subject = resp.headers['X-Subject-Token']
    shown = admin.get(V3 + '/auth/tokens',
                      headers={'X-Subject-Token': subject})
    assert shown.status_int == 200
    assert set(shown.json['token']) == TOKEN_KEYS
    assert shown.json['token']['system'] == {'all': True}
    info = tokens.validate(subject)
    assert info['system_scope'] == 'all' and info['project_id'] is None


def test_system_token_refused_without_system_role(admin, demo):
    resp = _system_token(admin, 'demo', DEMO_PASSWORD)
    _error(resp, 401, 'User %s has no access to the system'
           % demo['user_id'])


def test_system_token_through_group_and_implication(admin, demo):
    manager = _role_id(admin, 'manager')
    group = admin.post(V3 + '/groups', {'group': {'name': 'ops'}}).json[
        'group']['id']
    admin.put(V3 + '/groups/%s/users/%s' % (group, demo['user_id']))
    admin.put(_path('groups', group, manager))
    resp = _system_token(admin, 'demo', DEMO_PASSWORD)
    assert resp.status_int == 201, resp.text
    assert [r['name'] for r in resp.json['token']['roles']] == [
        'manager', 'member', 'reader']
    # Leaving the group takes the system roles away at once.
    subject = resp.headers['X-Subject-Token']
    admin.delete(V3 + '/groups/%s/users/%s' % (group, demo['user_id']))
    assert admin.get(V3 + '/auth/tokens', headers={
        'X-Subject-Token': subject}).status_int == 404


def test_rescope_from_token_to_system_and_back(admin):
    resp = _system_token(admin, 'admin', ADMIN_PASSWORD)
    system_token = resp.headers['X-Subject-Token']
    body = {'auth': {'identity': {'methods': ['token'],
                                  'token': {'id': system_token}},
                     'scope': {'project': {'name': 'admin', 'domain': {
                         'name': 'Default'}}}}}
    project = issue(admin, body)
    assert project.status_int == 201
    assert 'system' not in project.json['token']
    assert project.json['token']['project']['name'] == 'admin'
    body['auth']['identity']['token']['id'] = project.headers[
        'X-Subject-Token']
    body['auth']['scope'] = SYSTEM
    again = issue(admin, body)
    assert again.status_int == 201
    assert again.json['token']['system'] == {'all': True}
    assert again.json['token']['methods'] == ['token', 'password']


def test_system_scope_shape_errors(admin):
    body = password_auth('admin', ADMIN_PASSWORD, scope={
        'system': {'all': True}, 'project': {'id': 'x'}})
    _error(issue(admin, body), 400,
           'Expecting to find system, project, domain, OS-TRUST:trust or '
           'unscoped in scope. The server could not comply with the request '
           'since it is either malformed or otherwise incorrect. The client '
           'is assumed to be in error.')
    body = password_auth('admin', ADMIN_PASSWORD, scope={
        'system': {'all': 'yes'}})
    _error(issue(admin, body), 400,
           "Invalid input for field 'scope/system/all': 'yes' is not of type "
           "'boolean'\n\nFailed validating 'type' in schema['properties']"
           "['scope']['properties']['system']['properties']['all']:\n"
           "    {'type': 'boolean', 'enum': [True, False, None]}\n\n"
           "On instance['scope']['system']['all']:\n    'yes'")
    body = password_auth('admin', ADMIN_PASSWORD, scope={'system': 'all'})
    _error(issue(admin, body), 400)


def test_auth_system(admin, demo):
    body = admin.get(V3 + '/auth/system').json
    assert body == {'system': [{'all': True}], 'links': {
        'self': 'http://localhost/identity/v3/auth/system'}}
    body = admin.get(V3 + '/auth/system', headers=as_token(demo['token']))
    assert body.status_int == 200
    assert body.json['system'] == []
    _error(admin.get(V3 + '/auth/system', headers={'X-Auth-Token': ''}),
           401)


def test_role_assignments_on_the_system(admin, demo):
    admin_user = admin.get(V3 + '/users?name=admin').json['users'][0]['id']
    admin_role = _role_id(admin, 'admin')
    rows = admin.get(V3 + '/role_assignments?scope.system=all').json[
        'role_assignments']
    assert rows == [{
        'role': {'id': admin_role}, 'user': {'id': admin_user},
        'scope': {'system': {'all': True}},
        'links': {'assignment': 'http://localhost/identity/v3/system/users/'
                                '%s/roles/%s' % (admin_user, admin_role)}}]
    # Unfiltered, system grants come after the project ones.
    everything = admin.get(V3 + '/role_assignments').json['role_assignments']
    assert everything[-1] == rows[0]
    assert all('project' in r['scope'] for r in everything[:-1])
    named = admin.get(V3 + '/role_assignments?scope.system=all&'
                      'include_names=true').json['role_assignments'][0]
    assert named['scope'] == {'system': {'all': True}}
    assert named['user']['name'] == 'admin'
    assert named['role'] == {'id': admin_role, 'name': 'admin'}
    none = admin.get(V3 + '/role_assignments?scope.system=all&user.id=' +
                     demo['user_id']).json['role_assignments']
    assert none == []
    _error(admin.get(V3 + '/role_assignments?scope.system=all&'
                     'scope.project.id=' + demo['project_id']), 400,
           'Specify system or project, not both')


def test_group_system_assignment_listing(admin, demo):
    manager = _role_id(admin, 'manager')
    group = admin.post(V3 + '/groups', {'group': {'name': 'ops'}}).json[
        'group']['id']
    admin.put(_path('groups', group, manager))
    rows = admin.get(V3 + '/role_assignments?scope.system=all&group.id=' +
                     group).json['role_assignments']
    assert rows == [{
        'role': {'id': manager}, 'group': {'id': group},
        'scope': {'system': {'all': True}},
        'links': {'assignment': 'http://localhost/identity/v3/system/groups/'
                                '%s/roles/%s' % (group, manager)}}]
    # Keystone 30's effective listing leaves system grants out.
    admin.put(V3 + '/groups/%s/users/%s' % (group, demo['user_id']))
    effective = admin.get(V3 + '/role_assignments?effective&user.id=' +
                          demo['user_id']).json['role_assignments']
    assert all('system' not in r['scope'] for r in effective)
    # ... and ignores scope.system (the project grants are listed).
    with_filter = admin.get(V3 + '/role_assignments?effective&'
                            'scope.system=all&user.id=' +
                            demo['user_id']).json['role_assignments']
    assert with_filter == effective and effective


def test_system_reader_reads_but_does_not_write(admin, demo):
    reader = _role_id(admin, 'reader')
    admin.put(_path('users', demo['user_id'], reader))
    resp = _system_token(admin, 'demo', DEMO_PASSWORD)
    assert [r['name'] for r in resp.json['token']['roles']] == ['reader']
    headers = as_token(resp.headers['X-Subject-Token'])
    for path in ('/users', '/projects', '/domains', '/roles', '/groups',
                 '/role_assignments', '/services', '/endpoints', '/regions',
                 '/domains/default', '/projects/' + demo['project_id'],
                 '/role_inferences', '/policies', '/OS-TRUST/trusts',
                 '/OS-EP-FILTER/endpoint_groups',
                 '/OS-FEDERATION/identity_providers',
                 '/OS-FEDERATION/mappings',
                 '/OS-FEDERATION/service_providers',
                 _path('users', demo['user_id'])[len(V3):]):
        assert admin.get(V3 + path, headers=headers).status_int == 200, path
    _error(admin.post(V3 + '/users', {'user': {'name': 'x'}},
                      headers=headers), 403,
           'You are not authorized to perform the requested action: '
           'identity:create_user.')
    _error(admin.post(V3 + '/projects', {'project': {'name': 'x'}},
                      headers=headers), 403)
    _error(admin.put(_path('users', demo['user_id'], reader),
                     headers=headers), 403)


def test_system_admin_writes(admin, demo):
    resp = _system_token(admin, 'admin', ADMIN_PASSWORD)
    headers = as_token(resp.headers['X-Subject-Token'])
    created = admin.post(V3 + '/projects', {'project': {'name': 'sys'}},
                         headers=headers)
    assert created.status_int == 201
    assert created.json['project']['domain_id'] == 'default'
    assert admin.delete(V3 + '/projects/' + created.json['project']['id'],
                        headers=headers).status_int == 204
    reader = _role_id(admin, 'reader')
    assert admin.put(_path('users', demo['user_id'], reader),
                     headers=headers).status_int == 204


def test_context_carries_system_scope_over_rpc():
    serializer = rpc.ContextSerializer()
    ctxt = context.RequestContext(user_id='u', roles=['reader'],
                                  system_scope='all')
    again = serializer.deserialize_context(serializer.serialize_context(
        ctxt))
    assert again.system_scope == 'all'
    plain = serializer.deserialize_context(serializer.serialize_context(
        context.RequestContext(user_id='u')))
    assert plain.system_scope is None


def test_request_context_of_a_system_token(admin):
    token = _system_token(admin, 'admin', ADMIN_PASSWORD).headers[
        'X-Subject-Token']
    req = webob.Request.blank('/')
    req.environ[request_id.ENV_REQUEST_ID] = 'req-1'
    req.environ[request_id.ENV_GLOBAL_REQUEST_ID] = 'req-1'
    ctxt = auth.context_from_token(req, token)
    assert ctxt.system_scope == 'all' and ctxt.project_id is None
    assert ctxt.is_admin
