"""Security groups through nova's proxy on real daemons: tempest's strict
clients (their schemas checked on every answer) for the proxy at 2.35,
the openstack CLI for a server's groups (its catalog has no network
endpoint, so it looks groups up through the compute proxy at 2.1), and
interface attach over REST."""
import json

import pytest
from tempest.lib import exceptions as lib_exc
from tempest.lib.services import compute as compute_services

from support import cloud as cloud_support
from support import schemas
from support import strict_clients
from support.strict_clients import compute_microversion as microversion


def _clients(cloud):
    strict = strict_clients.Compute(cloud)
    args = (strict.provider, 'compute', 'RegionOne')
    return (strict, compute_services.SecurityGroupsClient(*args),
            compute_services.SecurityGroupRulesClient(*args))


@pytest.fixture(scope='module')
def web(cloud):
    _, groups, _ = _clients(cloud)
    with microversion('2.35'):
        group = groups.create_security_group(
            name='fn-web', description='web servers')['security_group']
    yield group
    with microversion('2.35'):
        try:
            groups.delete_security_group(group['id'])
        except lib_exc.NotFound:
            pass


def test_proxy_with_strict_clients(cloud, web):
    _, groups, rules = _clients(cloud)
    with microversion('2.35'):
        listed = groups.list_security_groups()['security_groups']
        names = [g['name'] for g in listed]
        assert 'default' in names and 'fn-web' in names
        rule = rules.create_security_group_rule(
            parent_group_id=web['id'], ip_protocol='tcp', from_port=22,
            to_port=22, cidr='10.0.0.0/8')['security_group_rule']
        assert rule['ip_range'] == {'cidr': '10.0.0.0/8'}
        shown = groups.show_security_group(web['id'])['security_group']
        assert shown['rules'] == [rule]
        updated = groups.update_security_group(
            web['id'], name='fn-web', description='still web')
        assert updated['security_group']['description'] == 'still web'
        rules.delete_security_group_rule(rule['id'])
        with pytest.raises(lib_exc.NotFound):
            rules.delete_security_group_rule(rule['id'])
        with pytest.raises(lib_exc.Forbidden):
            groups.create_security_group(name='default', description='x')
    with microversion('2.36'):
        with pytest.raises(lib_exc.NotFound):
            groups.list_security_groups()


def _groups_of(cloud, server_id):
    shown = cloud.cli_json('server', 'show', server_id)
    return [g['name'] for g in shown.get('security_groups') or []]


@pytest.fixture(scope='module')
def image(cloud, tmp_path_factory):
    path = tmp_path_factory.mktemp('sg') / 'disk.raw'
    path.write_bytes(b'\1' * 8192)
    created = cloud.cli_json('image', 'create', '--file', str(path),
                             '--disk-format', 'raw', '--container-format',
                             'bare', 'sg-image')
    yield created
    cloud.cli('image', 'delete', created['id'], check=False)


def test_server_groups_with_the_cli(cloud, web, image):
    strict, _, _ = _clients(cloud)
    created = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                             '--image', image['id'], '--security-group',
                             web['id'], '--wait', 'fn-sg-vm')
    server_id = created['id']
    try:
        assert _groups_of(cloud, server_id) == ['fn-web']
        raw = json.loads(cloud.cli('server', 'show', server_id, '-f',
                                   'json').stdout)
        assert raw['security_groups'] == [{'name': 'fn-web'}]
        rest = cloud_support.Rest(cloud)
        groups = rest.get('/compute/v2.1/os-security-groups', headers={
            'OpenStack-API-Version': 'compute 2.35'}).json()
        default_id = [g['id'] for g in groups['security_groups']
                      if g['name'] == 'default'][0]
        cloud.cli('server', 'add', 'security', 'group', server_id,
                  default_id)
        assert _groups_of(cloud, server_id) == ['fn-web', 'default']
        with microversion('2.100'):
            listed = strict.servers.list_security_groups_by_server(
                server_id)['security_groups']
        assert [g['name'] for g in listed] == ['default', 'fn-web']
        cloud.cli('server', 'remove', 'security', 'group', server_id,
                  web['id'])
        assert _groups_of(cloud, server_id) == ['default']
        # The CLI looks a name up as an id first; nova's proxy answers a
        # non-uuid id 400, which the CLI does not take for "not found".
        result = cloud.cli('server', 'add', 'security', 'group', server_id,
                           'fn-web', check=False)
        assert result.returncode != 0
        assert 'Security group id should be uuid' in result.stderr
        # Interfaces: nothing to attach over a cloud without networks.
        resp = rest.request('POST', '/compute/v2.1/servers/%s/os-interface'
                            % server_id, json={'interfaceAttachment': {}})
        assert schemas.check_fault(resp, 400, 'badRequest').startswith(
            'No specific network was requested and none are available')
        resp = rest.request('DELETE', '/compute/v2.1/servers/%s/'
                            'os-interface/%s' % (server_id, web['id']))
        assert resp.status_code == 202
    finally:
        cloud.cli('server', 'delete', '--wait', server_id, check=False)
