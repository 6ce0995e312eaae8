"""A server's security groups: what a create names (looked up as nova
does), server show, GET /servers/{id}/os-security-groups and the
addSecurityGroup / removeSecurityGroup actions at every microversion."""
import pytest

from support import schemas
from support.server_cloud import SERVERS, action, cloud, create  # noqa
from support.server_cloud import mv

GROUPS = '/compute/v2.1/os-security-groups'


def _group(client, name, headers=None):
    resp = client.post(GROUPS, {'security_group': {
        'name': name, 'description': name}}, headers=dict(
        mv('2.1'), **(headers or {})))
    assert resp.status_int == 200
    return resp.json['security_group']


def _show(client, server_id, version='2.1', headers=None):
    resp = client.get('%s/%s' % (SERVERS, server_id),
                      headers=dict(mv(version), **(headers or {})))
    schemas.check(schemas.compute('servers', version).get_server, resp)
    return resp.json['server']


def _listed(client, server_id, version='2.1', headers=None):
    resp = client.get('%s/%s/os-security-groups' % (SERVERS, server_id),
                      headers=dict(mv(version), **(headers or {})))
    schemas.check(schemas.compute('security_groups', version)
                  .list_security_groups, resp)
    return resp.json['security_groups']


def test_a_server_starts_in_the_default_group(cloud):
    resp = create(cloud)
    assert resp.status_int == 202
    assert resp.json['server']['security_groups'] == [{'name': 'default'}]
    server_id = resp.json['server']['id']
    assert _show(cloud, server_id)['security_groups'] == [
        {'name': 'default'}]
    (group,) = _listed(cloud, server_id)
    assert group['name'] == 'default' and len(group['rules']) == 2
    assert group['rules'][0]['group'] == {'name': 'default',
                                          'tenant_id': group['tenant_id']}


def test_create_names_existing_groups(cloud):
    web = _group(cloud, 'web')
    _group(cloud, 'db')
    requested = [{'name': 'web'}, {'name': 'web'}, {'name': 'db'}]
    resp = create(cloud, security_groups=requested)
    assert resp.status_int == 202
    # nova echoes the request's own list.
    assert resp.json['server']['security_groups'] == requested
    server_id = resp.json['server']['id']
    assert _show(cloud, server_id)['security_groups'] == [
        {'name': 'web'}, {'name': 'db'}]
    assert [g['name'] for g in _listed(cloud, server_id)] == ['db', 'web']
    # By id too.
    resp = create(cloud, security_groups=[{'name': web['id']}])
    assert _show(cloud, resp.json['server']['id'])['security_groups'] == [
        {'name': 'web'}]


def test_create_refuses_an_unknown_group(cloud):
    resp = create(cloud, security_groups=[{'name': 'nope'}])
    assert (schemas.check_fault(resp, 400, 'badRequest') ==
            "Unable to find security_group with name or id 'nope'")
    assert cloud.get(SERVERS).json['servers'] == []


def test_create_refuses_an_ambiguous_name(cloud):
    _group(cloud, 'twin')
    _group(cloud, 'twin')
    resp = create(cloud, security_groups=[{'name': 'twin'}])
    assert (schemas.check_fault(resp, 409, 'conflictingRequest') ==
            "Multiple security_group matches found for name 'twin', use an "
            "ID to be more specific.")


def test_another_projects_group_is_unknown(cloud, demo):
    _group(cloud, 'admins-only')
    resp = create(cloud, headers={'X-Auth-Token': demo['token']},
                  security_groups=[{'name': 'admins-only'}])
    assert (schemas.check_fault(resp, 400, 'badRequest') ==
            "Unable to find security_group with name or id 'admins-only'")


@pytest.mark.parametrize('version', ('2.1', '2.36', '2.100'))
def test_add_and_remove(cloud, version):
    _group(cloud, 'web')
    server_id = create(cloud).json['server']['id']
    resp = action(cloud, server_id, {'addSecurityGroup': {'name': 'web'}},
                  version)
    assert resp.status_int == 202 and not resp.body
    assert _show(cloud, server_id, version)['security_groups'] == [
        {'name': 'default'}, {'name': 'web'}]
    resp = action(cloud, server_id, {'addSecurityGroup': {'name': 'web'}},
                  version)
    web_id = [g['id'] for g in _listed(cloud, server_id, version)
              if g['name'] == 'web'][0]
    assert (schemas.check_fault(resp, 400, 'badRequest') ==
            "Invalid input for security_groups. Reason: Duplicate items in "
            "the list: '%s'." % web_id)
    for name in ('default', 'web'):
        resp = action(cloud, server_id,
                      {'removeSecurityGroup': {'name': name}}, version)
        assert resp.status_int == 202 and not resp.body
    # No group left: nova shows no key at all.
    assert 'security_groups' not in _show(cloud, server_id, version)
    assert _listed(cloud, server_id, version) == []
    resp = action(cloud, server_id, {'removeSecurityGroup': {'name': 'web'}},
                  version)
    assert (schemas.check_fault(resp, 404, 'itemNotFound') ==
            'Security group web not associated with the instance %s'
            % server_id)


def test_action_refusals(cloud):
    server_id = create(cloud).json['server']['id']
    project = cloud.get('%s/%s' % (SERVERS, server_id)).json['server'][
        'tenant_id']
    for name in ('addSecurityGroup', 'removeSecurityGroup'):
        resp = action(cloud, server_id, {name: {'name': 'nope'}})
        assert (schemas.check_fault(resp, 404, 'itemNotFound') ==
                'Security group nope is not found for project %s' % project)
        resp = action(cloud, server_id, {name: {'name': '  '}})
        assert (schemas.check_fault(resp, 400, 'badRequest') ==
                'Security group name cannot be empty')
        for value in ({}, {'name': ''}, {'name': 'x', 'extra': 1}, 'x'):
            resp = action(cloud, server_id, {name: value})
            assert schemas.check_fault(resp, 400, 'badRequest').startswith(
                'Invalid input for field/attribute')
        resp = action(cloud, '11111111-2222-3333-4444-555555555555',
                      {name: {'name': 'default'}})
        assert schemas.check_fault(resp, 404, 'itemNotFound') == (
            'Instance 11111111-2222-3333-4444-555555555555 could not be '
            'found.')


def test_a_group_in_use_cannot_go(cloud):
    web = _group(cloud, 'web')
    server_id = create(cloud, security_groups=[{'name': 'web'}]).json[
        'server']['id']
    path = '%s/%s' % (GROUPS, web['id'])
    resp = cloud.delete(path, headers=mv('2.1'))
    assert (schemas.check_fault(resp, 400, 'badRequest') ==
            'Security Group %s in use.' % web['id'])
    # A server not yet on a host goes at once (its ports with it).
    assert cloud.delete('%s/%s' % (SERVERS, server_id)).status_int == 204
    assert cloud.delete(path, headers=mv('2.1')).status_int == 202


def test_server_list_detail_shows_groups(cloud):
    _group(cloud, 'web')
    create(cloud, security_groups=[{'name': 'web'}])
    resp = cloud.get(SERVERS + '/detail', headers=mv('2.1'))
    schemas.check(schemas.compute('servers', '2.1').list_servers_detail,
                  resp)
    assert resp.json['servers'][0]['security_groups'] == [{'name': 'web'}]


def test_a_server_without_ports_has_no_groups(cloud):
    """networks 'none' (2.37): nova gives the server no port, so neutron
    has nowhere to put groups; the request's groups are still checked."""
    resp = create(cloud, '2.37', security_groups=[{'name': 'nope'}])
    assert (schemas.check_fault(resp, 400, 'badRequest') ==
            "Unable to find security_group with name or id 'nope'")
    resp = create(cloud, '2.37')
    assert resp.json['server']['security_groups'] == [{'name': 'default'}]
    server_id = resp.json['server']['id']
    assert 'security_groups' not in _show(cloud, server_id, '2.37')
    assert _listed(cloud, server_id, '2.37') == []
    for name in ('addSecurityGroup', 'removeSecurityGroup'):
        resp = action(cloud, server_id, {name: {'name': 'default'}}, '2.37')
        assert (schemas.check_fault(resp, 404, 'itemNotFound') ==
                'instance_id %s could not be found as device id on any '
                'ports' % server_id)
        resp = action(cloud, server_id, {name: {'name': 'nope'}}, '2.37')
        assert schemas.check_fault(resp, 404, 'itemNotFound').startswith(
            'Security group nope is not found for project ')


def test_groups_are_looked_up_before_networks(cloud):
    resp = create(cloud, security_groups=[{'name': 'nope'}], networks=[
        {'uuid': '3cb9bc59-5699-4588-a4b1-b87f96708bc6'}])
    assert (schemas.check_fault(resp, 400, 'badRequest') ==
            "Unable to find security_group with name or id 'nope'")
