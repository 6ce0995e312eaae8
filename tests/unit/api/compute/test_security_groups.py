"""os-security-groups and os-security-group-rules (2.1 to 2.35) as nova's
proxy answers over neutron: stored groups, each project's 'default' group
with neutron's rules (egress hidden), nova's and neutron's refusals.
Every answer is checked against tempest's schema or nova's fault body."""
import pytest

from support import schemas

GROUPS = '/compute/v2.1/os-security-groups'
RULES = '/compute/v2.1/os-security-group-rules'
V = '2.35'


def _sg(name):
    return schemas.compute('security_groups', V)


def _create(client, name='web', description='web servers', headers=None,
            version=V):
    return client.request('POST', GROUPS, {'security_group': {
        'name': name, 'description': description}}, headers=headers,
        version=version)


def _member(demo):
    return {'X-Auth-Token': demo['token']}


@pytest.mark.parametrize('version', ('2.1', '2.35'))
def test_each_project_has_its_default_group(compute_v, demo, version):
    resp = compute_v.request('GET', GROUPS, headers=_member(demo),
                             version=version)
    schemas.check(schemas.compute('security_groups', version)
                  .list_security_groups, resp)
    (group,) = resp.json['security_groups']
    assert group['name'] == 'default'
    assert group['description'] == 'Default security group'
    assert group['tenant_id'] == demo['project_id']
    # neutron's two ingress rules (IPv4 and IPv6, from the group itself);
    # its egress rules are not shown by nova's proxy.
    assert len(group['rules']) == 2
    for rule in group['rules']:
        assert rule == {'id': rule['id'], 'parent_group_id': group['id'],
                        'ip_protocol': None, 'from_port': None,
                        'to_port': None, 'ip_range': {},
                        'group': {'name': 'default',
                                  'tenant_id': demo['project_id']}}
    again = compute_v.request('GET', GROUPS, headers=_member(demo),
                              version=version)
    assert again.json == resp.json


def test_create_show_update_delete(compute_v, demo):
    member = _member(demo)
    resp = _create(compute_v, headers=member)
    schemas.check(_sg(V).create_security_group, resp)
    group = resp.json['security_group']
    assert group == {'id': group['id'], 'name': 'web',
                     'description': 'web servers',
                     'tenant_id': demo['project_id'], 'rules': []}
    path = '%s/%s' % (GROUPS, group['id'])
    resp = compute_v.request('GET', path, headers=member, version='2.1')
    schemas.check(_sg('2.1').get_security_group, resp)
    assert resp.json['security_group'] == group
    resp = compute_v.request('PUT', path, {'security_group': {
        'name': 'web2', 'description': ''}}, headers=member, version=V)
    schemas.check(_sg(V).update_security_group, resp)
    assert resp.json['security_group'] == dict(group, name='web2',
                                               description='')
    names = [g['name'] for g in compute_v.request(
        'GET', GROUPS, headers=member, version=V).json['security_groups']]
    assert names == ['default', 'web2']
    resp = compute_v.request('DELETE', path, headers=member, version=V)
    schemas.check(_sg(V).delete_security_group, resp)
    resp = compute_v.request('GET', path, headers=member, version=V)
    assert (schemas.check_fault(resp, 404, 'itemNotFound') ==
            'Security group %s does not exist' % group['id'])


@pytest.mark.parametrize('version', ('2.36', '2.104'))
def test_writes_are_404_from_2_36(compute_v, version):
    resp = _create(compute_v, version=version)
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'The resource could not be found.'
    group = _create(compute_v).json['security_group']
    for method, path, body in (
            ('PUT', '%s/%s' % (GROUPS, group['id']), {'security_group': {
                'name': 'x', 'description': 'y'}}),
            ('POST', RULES, {'security_group_rule': {
                'parent_group_id': group['id']}})):
        resp = compute_v.request(method, path, body, version=version)
        assert schemas.check_fault(resp, 404, 'itemNotFound') == \
            'The resource could not be found.'


@pytest.mark.parametrize('name', ('default', 'Default'))
def test_the_default_name_is_reserved(compute_v, name):
    resp = _create(compute_v, name=name)
    assert (schemas.check_fault(resp, 403, 'forbidden') ==
            'Default security group already exists.')


@pytest.mark.parametrize('body,start', [
    ({'security_group': {'name': 'x'}},
     "Invalid input for field/attribute security_group. Value: "
     "{'name': 'x'}. 'description' is a required property"),
    ({'security_group': {'description': 'x'}},
     "Invalid input for field/attribute security_group. Value: "
     "{'description': 'x'}. 'name' is a required property"),
    ({'security_group': {'name': 1, 'description': 'x'}},
     'Invalid input for field/attribute name. Value: 1.'),
    ({'security_group': {'name': 'x' * 256, 'description': 'x'}},
     'Invalid input for field/attribute name.'),
    ({'group': {}}, "'security_group' is a required property")])
def test_create_body_is_checked(compute_v, body, start):
    # nova's words: the last element of the path to the refused value
    # (the object missing a key), that value, the validator's message.
    resp = compute_v.request('POST', GROUPS, body, version=V)
    message = schemas.check_fault(resp, 400, 'badRequest')
    assert message.startswith(start), message


def test_default_group_cannot_be_changed(compute_v, demo):
    member = _member(demo)
    default = compute_v.request('GET', GROUPS, headers=member,
                                version=V).json['security_groups'][0]
    path = '%s/%s' % (GROUPS, default['id'])
    # neutron's 409, which nova's update does not map: a 500.
    resp = compute_v.request('PUT', path, {'security_group': {
        'name': 'default', 'description': 'x'}}, headers=member, version=V)
    assert schemas.check_fault(resp, 500, 'computeFault').startswith(
        'Unexpected API Error.')
    group = _create(compute_v, headers=member).json['security_group']
    resp = compute_v.request('PUT', '%s/%s' % (GROUPS, group['id']), {
        'security_group': {'name': 'DEFAULT', 'description': 'x'}},
        headers=member, version=V)
    assert resp.status_int == 500
    resp = compute_v.request('DELETE', path, headers=member, version=V)
    assert (schemas.check_fault(resp, 400, 'badRequest') ==
            'Insufficient rights for removing default security group.')


def test_projects_see_only_their_groups(compute_v, demo):
    group = _create(compute_v).json['security_group']
    path = '%s/%s' % (GROUPS, group['id'])
    for method in ('GET', 'DELETE'):
        resp = compute_v.request(method, path, headers=_member(demo),
                                 version=V)
        assert (schemas.check_fault(resp, 404, 'itemNotFound') ==
                'Security group %s does not exist' % group['id'])
    listed = compute_v.request('GET', GROUPS, headers=_member(demo),
                               version=V).json['security_groups']
    assert group['id'] not in [g['id'] for g in listed]
    every = compute_v.request('GET', GROUPS + '?all_tenants=1', version=V)
    schemas.check(_sg(V).list_security_groups, every)
    tenants = {g['tenant_id'] for g in every.json['security_groups']}
    assert demo['project_id'] in tenants and len(tenants) == 2


def test_group_quota_is_neutrons(compute_v, demo):
    member = _member(demo)
    for n in range(9):     # the default group is the tenth
        assert _create(compute_v, name='g%d' % n,
                       headers=member).status_int == 200
    resp = _create(compute_v, name='g9', headers=member)
    assert (schemas.check_fault(resp, 403, 'forbidden') ==
            "Quota exceeded for resources: ['security_group'].")


def test_list_limit_and_offset(compute_v):
    for name in ('a', 'b', 'c'):
        _create(compute_v, name=name)
    resp = compute_v.request('GET', GROUPS + '?offset=1&limit=2', version=V)
    assert len(resp.json['security_groups']) == 2
    resp = compute_v.request('GET', GROUPS + '?limit=-1', version=V)
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid input for query parameters limit. Value: -1. '
        "'-1' does not match '^[0-9]+$'")
    resp = compute_v.request('GET', GROUPS + '?other=1', version=V)
    assert resp.status_int == 200


def test_writes_need_a_token(compute_v):
    resp = compute_v.request('POST', GROUPS, {'security_group': {
        'name': 'x', 'description': 'y'}}, headers={'X-Auth-Token': 'bad'},
        version=V)
    assert resp.status_int == 401


# --- rules ---------------------------------------------------------------------
def _rule(client, parent, headers=None, **values):
    body = dict(parent_group_id=parent, **values)
    return client.request('POST', RULES, {'security_group_rule': body},
                          headers=headers, version=V)


def test_cidr_rule(compute_v, demo):
    member = _member(demo)
    group = _create(compute_v, headers=member).json['security_group']
    resp = _rule(compute_v, group['id'], member, ip_protocol='TCP',
                 from_port=22, to_port='22', cidr='10.0.0.1/24')
    schemas.check(_sg(V).create_security_group_rule, resp)
    rule = resp.json['security_group_rule']
    assert rule == {'id': rule['id'], 'parent_group_id': group['id'],
                    'ip_protocol': 'tcp', 'from_port': 22, 'to_port': 22,
                    'group': {}, 'ip_range': {'cidr': '10.0.0.0/24'}}
    shown = compute_v.request('GET', '%s/%s' % (GROUPS, group['id']),
                              headers=member, version=V)
    schemas.check(_sg(V).get_security_group, shown)
    assert shown.json['security_group']['rules'] == [rule]
    # The same rule again: neutron's 409, which nova's create makes 403.
    resp = _rule(compute_v, group['id'], member, ip_protocol='tcp',
                 from_port=22, to_port=22, cidr='10.0.0.0/24')
    assert (schemas.check_fault(resp, 400, 'badRequest') ==
            'This rule already exists in group %s' % group['id'])
    resp = _rule(compute_v, group['id'], member, ip_protocol='TCP',
                 from_port=22, to_port=22, cidr='10.0.0.0/24')
    assert (schemas.check_fault(resp, 403, 'forbidden') ==
            'Security group rule already exists. Rule id is %s.'
            % rule['id'])
    path = '%s/%s' % (RULES, rule['id'])
    resp = compute_v.request('DELETE', path, headers=member, version=V)
    schemas.check(_sg(V).delete_security_group_rule, resp)
    resp = compute_v.request('DELETE', path, headers=member, version=V)
    assert (schemas.check_fault(resp, 404, 'itemNotFound') ==
            'Security group rule %s does not exist' % rule['id'])


def test_group_rule_and_icmp_rule(compute_v):
    group = _create(compute_v).json['security_group']
    other = _create(compute_v, name='db').json['security_group']
    resp = _rule(compute_v, group['id'], group_id=other['id'],
                 ip_protocol='udp')
    schemas.check(_sg(V).create_security_group_rule, resp)
    rule = resp.json['security_group_rule']
    assert rule['group'] == {'name': 'db', 'tenant_id': other['tenant_id']}
    assert rule['ip_range'] == {}
    assert (rule['ip_protocol'], rule['from_port'], rule['to_port']) == (
        'udp', 1, 65535)
    resp = _rule(compute_v, group['id'], ip_protocol='icmp', from_port=-1,
                 to_port=-1, cidr='::/0')
    rule = resp.json['security_group_rule']
    assert (rule['from_port'], rule['to_port'], rule['ip_range']) == (
        -1, -1, {'cidr': '::/0'})
    resp = _rule(compute_v, group['id'], group_id=other['id'])
    rule = resp.json['security_group_rule']
    assert (rule['ip_protocol'], rule['from_port'], rule['to_port']) == (
        None, None, None)
    listed = compute_v.request('GET', GROUPS, version=V)
    schemas.check(_sg(V).list_security_groups, listed)


PARENT_MISSING = '11111111-2222-3333-4444-555555555555'


@pytest.mark.parametrize('values,message', [
    ({'ip_protocol': 'tcp', 'from_port': 2, 'to_port': 1,
      'cidr': '10.0.0.0/8'},
     'Invalid port range 2:1. Former value cannot be greater than the '
     'later'),
    ({'ip_protocol': 'tcp', 'from_port': 0, 'to_port': 1,
      'cidr': '10.0.0.0/8'},
     'Invalid port range 0:1. Valid TCP ports should be between 1-65535'),
    ({'ip_protocol': 'icmp', 'from_port': 256, 'to_port': 1},
     'Invalid port range 256:1. For ICMP, the type:code must be valid'),
    ({'ip_protocol': 'icmp', 'from_port': -1, 'to_port': 5},
     'ICMP code (port-range-max) 5 is provided but ICMP type '
     '(port-range-min) is missing.'),
    ({'ip_protocol': 'gre', 'from_port': 1, 'to_port': 2},
     'Invalid IP protocol gre.'),
    ({'ip_protocol': 'tcp', 'from_port': 'a', 'to_port': 2},
     'Invalid input received: To and From ports must be integers'),
    ({'ip_protocol': 'icmp', 'from_port': 'a', 'to_port': 2},
     'Invalid input received: Type and Code must be integers for ICMP '
     'protocol type'),
    ({'ip_protocol': 'tcp', 'from_port': 1, 'to_port': 2,
      'cidr': '10.0.0.1'}, '10.0.0.1 is not a valid IP network.'),
    ({'ip_protocol': 'tcp', 'from_port': 1, 'to_port': 2,
      'cidr': '10.0.0.0/0'}, 'Bad prefix for network in cidr 10.0.0.0/0'),
    ({'ip_protocol': 'tcp'}, 'Not enough parameters to build a valid rule.'),
    ({}, 'Not enough parameters to build a valid rule.'),
])
def test_rule_refusals(compute_v, values, message):
    group = _create(compute_v).json['security_group']
    resp = _rule(compute_v, group['id'], **values)
    assert schemas.check_fault(resp, 400, 'badRequest') == message


def test_rule_lookups(compute_v):
    resp = _rule(compute_v, PARENT_MISSING, ip_protocol='tcp', from_port=1,
                 to_port=2)
    assert (schemas.check_fault(resp, 404, 'itemNotFound') ==
            'Security group %s does not exist' % PARENT_MISSING)
    group = _create(compute_v).json['security_group']
    resp = _rule(compute_v, group['id'], group_id=PARENT_MISSING)
    assert (schemas.check_fault(resp, 404, 'itemNotFound') ==
            'Security group %s does not exist' % PARENT_MISSING)
    resp = _rule(compute_v, 'not-a-uuid')
    assert schemas.check_fault(resp, 400, 'badRequest').startswith(
        'Invalid input for field/attribute')
    resp = compute_v.request('DELETE', RULES + '/x', version=V)
    assert (schemas.check_fault(resp, 400, 'badRequest') ==
            'Security group id should be uuid')


def test_rule_quota_is_neutrons(compute_v, monkeypatch):
    from stratus.db.api import security_groups as db
    monkeypatch.setattr(db, 'RULE_QUOTA', 9)
    group = _create(compute_v).json['security_group']   # 4 + 2 rules
    for port in range(1, 4):
        assert _rule(compute_v, group['id'], ip_protocol='tcp',
                     from_port=port, to_port=port).status_int == 200
    resp = _rule(compute_v, group['id'], ip_protocol='tcp', from_port=9,
                 to_port=9)
    assert (schemas.check_fault(resp, 403, 'forbidden') ==
            "Quota exceeded for resources: ['security_group_rule'].")


def _reader(compute_v, demo):
    role = compute_v.get('/identity/v3/roles?name=reader').json['roles']
    if not role:
        pytest.skip('no reader role bootstrapped')
    user = compute_v.post('/identity/v3/users', {'user': {
        'name': 'r', 'password': 'pw-r',
        'default_project_id': demo['project_id']}}).json['user']
    compute_v.put('/identity/v3/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], user['id'], role[0]['id']))
    from support.identity import token_for
    return {'X-Auth-Token': token_for(compute_v, 'r', 'pw-r', 'demo')}


def test_a_reader_reads_but_does_not_write(compute_v, demo):
    group = _create(compute_v, headers=_member(demo)).json['security_group']
    reader = _reader(compute_v, demo)
    path = '%s/%s' % (GROUPS, group['id'])
    assert compute_v.request('GET', GROUPS, headers=reader,
                             version=V).status_int == 200
    assert compute_v.request('GET', path, headers=reader,
                             version=V).status_int == 200
    for method, target, body in (
            ('POST', GROUPS, {'security_group': {'name': 'x',
                                                 'description': 'y'}}),
            ('PUT', path, {'security_group': {'name': 'x',
                                              'description': 'y'}}),
            ('DELETE', path, None),
            ('POST', RULES, {'security_group_rule': {
                'parent_group_id': group['id']}}),
            ('DELETE', RULES + '/' + group['id'], None)):
        resp = compute_v.request(method, target, body, headers=reader,
                                 version=V)
        assert schemas.check_fault(resp, 403, 'forbidden')


@pytest.mark.parametrize('version', ('2.36', '2.104'))
def test_list_and_show_are_404_from_2_36(compute_v, version):
    group = _create(compute_v).json['security_group']
    for path in (GROUPS, '%s/%s' % (GROUPS, group['id'])):
        resp = compute_v.request('GET', path, version=version)
        assert schemas.check_fault(resp, 404, 'itemNotFound') == \
            'The resource could not be found.'
