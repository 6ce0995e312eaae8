"""Families nova removed or proxies answer as nova does, never a silent
404: removed ones 410 Gone at every microversion and method."""
import json

import pytest

from support import schemas

GONE = {'computeFault': {
    'code': 410, 'message': 'This resource is no longer available. No '
                            'forwarding address is given.'}}
VERSIONS = ('2.1', '2.35', '2.36', '2.104')
SERVER = '/compute/v2.1/servers/%s' % ('0' * 8 + '-0000-0000-0000-' + '0' * 12)

GONE_CALLS = [
    ('GET', '/compute/v2.1/os-agents'),
    ('POST', '/compute/v2.1/os-agents'),
    ('PUT', '/compute/v2.1/os-agents/1'),
    ('DELETE', '/compute/v2.1/os-agents/1'),
    ('GET', '/compute/v2.1/os-cells'),
    ('GET', '/compute/v2.1/os-cells/detail'),
    ('GET', '/compute/v2.1/os-cells/cell1/capacities'),
    ('POST', '/compute/v2.1/os-cells/sync_instances'),
    ('POST', '/compute/v2.1/os-certificates'),
    ('GET', '/compute/v2.1/os-certificates/root'),
    ('GET', '/compute/v2.1/os-cloudpipe'),
    ('PUT', '/compute/v2.1/os-cloudpipe/configure-project'),
    ('GET', '/compute/v2.1/os-fixed-ips/10.0.0.2'),
    ('POST', '/compute/v2.1/os-fixed-ips/10.0.0.2/action'),
    ('GET', '/compute/v2.1/os-floating-ip-dns'),
    ('GET', '/compute/v2.1/os-floating-ip-dns/example.org/entries/a'),
    ('GET', '/compute/v2.1/os-floating-ips-bulk'),
    ('PUT', '/compute/v2.1/os-floating-ips-bulk/delete'),
    ('GET', '/compute/v2.1/os-fping'),
    ('GET', '/compute/v2.1/os-fping/abc'),
    ('GET', '/compute/v2.1/os-security-group-default-rules'),
    ('DELETE', '/compute/v2.1/os-security-group-default-rules/1'),
    ('GET', SERVER + '/consoles'),
    ('POST', SERVER + '/consoles'),
    ('GET', SERVER + '/consoles/1'),
    ('DELETE', SERVER + '/consoles/1'),
    ('GET', SERVER + '/os-virtual-interfaces'),
]


@pytest.mark.parametrize('version', VERSIONS)
@pytest.mark.parametrize('method,path', GONE_CALLS)
def test_removed_family_is_gone(compute_v, method, path, version):
    body = {} if method in ('POST', 'PUT') else None
    if path.endswith('/action'):
        body = {'reserve': None}
    resp = compute_v.request(method, path, body, version=version)
    assert resp.status_int == 410, (path, resp.status_int, resp.body)
    assert json.loads(resp.body) == GONE
    assert resp.content_type == 'application/json'


def test_gone_still_needs_a_token(compute_v):
    resp = compute_v.request('GET', '/compute/v2.1/os-agents',
                             headers={'X-Auth-Token': 'nonsense'})
    assert resp.status_int == 401


NOT_FOUND = 'The resource could not be found.'
GROUP = '11111111-2222-3333-4444-555555555555'
LISTS = [('/compute/v2.1/os-networks', 'networks', None),
         ('/compute/v2.1/os-tenant-networks', 'networks',
          ('tenant_networks', 'list_tenant_networks')),
         ('/compute/v2.1/os-floating-ip-pools', 'floating_ip_pools', None),
         ('/compute/v2.1/os-floating-ips', 'floating_ips',
          ('floating_ips', 'list_floating_ips'))]
# (os-security-groups lists each project's default group: see
# test_security_groups.py.)
MISSING = [
    ('GET', '/compute/v2.1/os-networks/n1', 'Network not found'),
    ('GET', '/compute/v2.1/os-tenant-networks/n1', 'Network not found'),
    ('GET', '/compute/v2.1/os-floating-ips/f1',
     'Floating IP not found for ID f1'),
    ('DELETE', '/compute/v2.1/os-floating-ips/f1',
     'Floating IP not found for ID f1'),
    ('POST', '/compute/v2.1/os-floating-ips', 'Floating IP pool not found.'),
    ('GET', '/compute/v2.1/os-security-groups/' + GROUP,
     'Security group %s does not exist' % GROUP),
    ('DELETE', '/compute/v2.1/os-security-groups/' + GROUP,
     'Security group %s does not exist' % GROUP),
    ('DELETE', '/compute/v2.1/os-security-group-rules/' + GROUP,
     'Security group rule %s does not exist' % GROUP)]


@pytest.mark.parametrize('version', ('2.1', '2.35'))
@pytest.mark.parametrize('path,key,schema', LISTS)
def test_proxy_lists_are_empty_below_2_36(compute_v, path, key, schema,
                                          version):
    resp = compute_v.request('GET', path, version=version)
    assert resp.status_int == 200
    assert json.loads(resp.body) == {key: []}
    if schema:
        schemas.check(getattr(schemas.compute(schema[0], version),
                              schema[1]), resp)


@pytest.mark.parametrize('version', ('2.36', '2.104'))
@pytest.mark.parametrize('path,key,schema', LISTS)
def test_proxy_lists_are_404_from_2_36(compute_v, path, key, schema,
                                       version):
    resp = compute_v.request('GET', path, version=version)
    assert schemas.check_fault(resp, 404, 'itemNotFound') == NOT_FOUND


@pytest.mark.parametrize('method,path,message', MISSING)
def test_proxy_unknown_ids_below_2_36(compute_v, method, path, message):
    body = {} if method == 'POST' else None
    for version in ('2.1', '2.35'):
        resp = compute_v.request(method, path, body, version=version)
        assert schemas.check_fault(resp, 404, 'itemNotFound') == message
    for version in ('2.36', '2.104'):
        resp = compute_v.request(method, path, body, version=version)
        assert schemas.check_fault(resp, 404, 'itemNotFound') == NOT_FOUND


@pytest.mark.parametrize('path', ('/compute/v2.1/os-security-groups/x',
                                  '/compute/v2.1/os-security-group-rules/x'))
def test_security_group_ids_must_be_uuids(compute_v, path):
    resp = compute_v.request('DELETE', path, version='2.1')
    assert (schemas.check_fault(resp, 400, 'badRequest') ==
            'Security group id should be uuid')


@pytest.mark.parametrize('version', VERSIONS)
@pytest.mark.parametrize('method,path', [
    ('POST', '/compute/v2.1/os-networks'),
    ('POST', '/compute/v2.1/os-networks/add'),
    ('DELETE', '/compute/v2.1/os-networks/n1'),
    ('POST', '/compute/v2.1/os-networks/n1/action'),
    ('POST', '/compute/v2.1/os-tenant-networks'),
    ('DELETE', '/compute/v2.1/os-tenant-networks/n1')])
def test_nova_network_writes_are_gone(compute_v, method, path, version):
    body = {} if method == 'POST' else None
    resp = compute_v.request(method, path, body, version=version)
    assert resp.status_int == 410
    assert json.loads(resp.body) == GONE


def _a_server(host=None, vm_state='active'):
    import uuid
    from stratus.db import models
    from stratus.db import session
    server = str(uuid.uuid4())
    with session.writer() as s:
        s.add(models.Instance(
            uuid=server, project_id='p-ports', user_id='u',
            display_name='vm', flavor='{}', vcpus=1, memory_mb=64,
            root_gb=1, vm_state=vm_state, host=host))
    return '/compute/v2.1/servers/' + server


@pytest.mark.parametrize('version', VERSIONS)
def test_a_server_has_no_interfaces_or_security_groups(compute_v, version):
    server = _a_server()
    resp = compute_v.request('GET', server + '/os-interface', version=version)
    schemas.check(schemas.compute('interfaces', version).list_interfaces,
                  resp)
    assert resp.json == {'interfaceAttachments': []}
    resp = compute_v.request('GET', server + '/os-security-groups',
                             version=version)
    schemas.check(schemas.compute('security_groups', version)
                  .list_security_groups, resp)
    assert resp.json == {'security_groups': []}
    resp = compute_v.request('GET', server + '/os-interface/p1',
                             version=version)
    assert (schemas.check_fault(resp, 404, 'itemNotFound') ==
            'Port id p1 could not be found.')


@pytest.mark.parametrize('tail', ('os-interface', 'os-interface/p1',
                                  'os-security-groups'))
def test_ports_of_an_unknown_server_are_404(compute_v, tail):
    resp = compute_v.request('GET', '%s/%s' % (SERVER, tail), version='2.1')
    assert schemas.check_fault(resp, 404, 'itemNotFound').startswith(
        'Instance ')


AUDIT = '/compute/v2.1/os-instance_usage_audit_log'


@pytest.mark.parametrize('version', VERSIONS)
def test_usage_audit_log_reports_no_audits(compute_v, version):
    resp = compute_v.request('GET', AUDIT, version=version)
    schemas.check(schemas.compute('instance_usage_audit_logs', version)
                  .list_instance_usage_audit_log, resp)
    report = resp.json['instance_usage_audit_logs']
    assert report['num_hosts_done'] == 0 and report['log'] == {}
    assert report['num_hosts_not_run'] == report['num_hosts']
    resp = compute_v.request('GET', AUDIT + '/2012-07-05 10:00:00',
                             version=version)
    schemas.check(schemas.compute('instance_usage_audit_logs', version)
                  .get_instance_usage_audit_log, resp)
    report = resp.json['instance_usage_audit_log']
    assert (report['period_beginning'], report['period_ending']) == (
        '2012-06-01 00:00:00', '2012-07-01 00:00:00')


def test_usage_audit_log_refusals(compute_v, demo):
    resp = compute_v.request('GET', AUDIT + '/yesterday', version='2.1')
    assert (schemas.check_fault(resp, 400, 'badRequest') ==
            'Invalid timestamp for date yesterday')
    resp = compute_v.request('GET', AUDIT, version='2.1',
                             headers={'X-Auth-Token': demo['token']})
    schemas.check_fault(resp, 403, 'forbidden')
    schemas.check_fault(compute_v.request('GET', AUDIT + '?x=1',
                                          version='2.102'), 400, 'badRequest')


TOKENS = '/compute/v2.1/os-console-auth-tokens/abc'
NODES = '/compute/v2.1/os-baremetal-nodes'


def test_console_auth_tokens(compute_v, demo):
    resp = compute_v.request('GET', TOKENS, version='2.30')
    assert schemas.check_fault(resp, 400, 'badRequest').startswith(
        'The server could not comply')
    for version in ('2.31', '2.99', '2.104'):
        resp = compute_v.request('GET', TOKENS, version=version)
        assert (schemas.check_fault(resp, 404, 'itemNotFound') ==
                'Token not found')
    resp = compute_v.request('GET', TOKENS, version='2.31',
                             headers={'X-Auth-Token': demo['token']})
    schemas.check_fault(resp, 403, 'forbidden')


@pytest.mark.parametrize('version', ('2.1', '2.35'))
def test_baremetal_nodes_below_2_36(compute_v, demo, version):
    resp = compute_v.request('GET', NODES, version=version)
    assert resp.status_int == 200 and resp.json == {'nodes': []}
    resp = compute_v.request('GET', NODES + '/n1', version=version)
    assert (schemas.check_fault(resp, 404, 'itemNotFound') ==
            'Node n1 could not be found.')
    for method, path, body, cmd in (
            ('POST', NODES, {'node': {}}, 'node-create'),
            ('DELETE', NODES + '/n1', None, 'node-delete'),
            ('POST', NODES + '/n1/action', {'add_interface': {}},
             'port-create'),
            ('POST', NODES + '/n1/action', {'remove_interface': {}},
             'port-delete')):
        resp = compute_v.request(method, path, body, version=version)
        assert schemas.check_fault(resp, 400, 'badRequest') == (
            'Command not supported. Please use Ironic command %s to '
            'perform this action.' % cmd)
    resp = compute_v.request('GET', NODES, version=version,
                             headers={'X-Auth-Token': demo['token']})
    schemas.check_fault(resp, 403, 'forbidden')


@pytest.mark.parametrize('version', ('2.36', '2.104'))
def test_baremetal_nodes_are_404_from_2_36(compute_v, version):
    for method, path in (('GET', NODES), ('GET', NODES + '/n1'),
                         ('POST', NODES), ('DELETE', NODES + '/n1')):
        body = {} if method == 'POST' else None
        resp = compute_v.request(method, path, body, version=version)
        schemas.check_fault(resp, 404, 'itemNotFound')


def _console(protocol, kind):
    return {'remote_console': {'protocol': protocol, 'type': kind}}


@pytest.mark.parametrize('version,protocol,kind', [
    ('2.6', 'vnc', 'novnc'), ('2.6', 'serial', 'serial'),
    ('2.8', 'mks', 'webmks'), ('2.99', 'spice', 'spice-direct'),
    ('2.104', 'spice', 'spice-html5')])
def test_remote_consoles_are_unavailable(compute_v, version, protocol,
                                         kind):
    server = _a_server(host='c1') + '/remote-consoles'
    resp = compute_v.request('POST', server, _console(protocol, kind),
                             version=version)
    assert (schemas.check_fault(resp, 400, 'badRequest') ==
            'Unavailable console type %s.' % kind)


def test_remote_console_refusals(compute_v):
    hosted = _a_server(host='c1') + '/remote-consoles'
    resp = compute_v.request('POST', hosted, _console('vnc', 'novnc'),
                             version='2.5')
    schemas.check_fault(resp, 404, 'itemNotFound')
    resp = compute_v.request('POST', hosted, _console('rdp', 'rdp-html5'),
                             version='2.6')
    assert (schemas.check_fault(resp, 400, 'badRequest') ==
            'Unavailable console type rdp.')
    resp = compute_v.request('POST', hosted, _console('mks', 'webmks'),
                             version='2.6')
    schemas.check_fault(resp, 400, 'badRequest')
    unhosted = _a_server() + '/remote-consoles'
    resp = compute_v.request('POST', unhosted, _console('vnc', 'novnc'),
                             version='2.6')
    assert schemas.check_fault(resp, 409, 'conflictingRequest').endswith(
        'is not ready')
    resp = compute_v.request('POST', SERVER + '/remote-consoles',
                             _console('vnc', 'novnc'), version='2.6')
    schemas.check_fault(resp, 404, 'itemNotFound')


@pytest.mark.parametrize('version', ('2.97', '2.104'))
def test_server_shares_from_2_97(compute_v, version):
    shares = _a_server() + '/shares'
    resp = compute_v.request('GET', shares, version=version)
    assert resp.status_int == 200 and resp.json == {'shares': []}
    resp = compute_v.request('GET', shares + '/s1', version=version)
    assert (schemas.check_fault(resp, 404, 'itemNotFound') ==
            'Share s1 could not be found.')
    resp = compute_v.request('DELETE', shares + '/s1', version=version)
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == (
        "Cannot 'delete share' instance %s while it is in vm_state active"
        % shares.split('/')[-2])
    stopped = _a_server(vm_state='stopped') + '/shares/s1'
    resp = compute_v.request('DELETE', stopped, version=version)
    schemas.check_fault(resp, 404, 'itemNotFound')
    resp = compute_v.request('GET', SERVER + '/shares', version=version)
    assert schemas.check_fault(resp, 404, 'itemNotFound').startswith(
        'Instance ')


def test_server_shares_are_404_before_2_97(compute_v):
    resp = compute_v.request('GET', _a_server() + '/shares', version='2.96')
    assert (schemas.check_fault(resp, 404, 'itemNotFound') ==
            'The resource could not be found.')


@pytest.mark.parametrize('raw,status,key', [
    (b'{"action": {', 400, 'badRequest'), (b'1e+308', 404, 'itemNotFound'),
    (b'[1]', 404, 'itemNotFound'), (b'{"a": 1, "b": 2}', 400, 'badRequest')])
def test_baremetal_action_malformed_body_is_4xx(admin, raw, status, key):
    resp = admin.request(
        'POST', '/compute/v2.1/os-baremetal-nodes/%s/action' % (
            '6f1c2a3e-0b4d-4e5f-9a8b-7c6d5e4f3a2b'), raw=raw)
    assert schemas.check_fault(resp, status, key)
