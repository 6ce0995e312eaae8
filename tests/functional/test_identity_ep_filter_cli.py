"""The unchanged `openstack` CLI on OS-EP-FILTER (project endpoints,
endpoint groups, the filtered catalog a project's user sees) and on
/v3/policies. Every test removes what it creates."""
import json
import uuid

from support.cloud import DEMO_PASSWORD


def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


def _member_with_project(cloud, name):
    """A user whose project has its name (so cloud.cli(user=name) works),
    member there."""
    cloud.cli('project', 'create', name)
    cloud.cli('user', 'create', '--password', DEMO_PASSWORD,
              '--project', name, name)
    cloud.cli('role', 'add', '--user', name, '--project', name, 'member')


def _drop_member(cloud, name):
    cloud.cli('user', 'delete', name, check=False)
    cloud.cli('project', 'delete', name, check=False)


def test_project_endpoints_filter_the_catalog(cloud):
    svc_name, user = _name('fsvc'), _name('fu')
    service = cloud.cli_json('service', 'create', '--name', svc_name,
                             svc_name)
    endpoint = cloud.cli_json('endpoint', 'create', '--region', 'RegionOne',
                              svc_name, 'public', 'http://x/' + svc_name)
    _member_with_project(cloud, user)
    try:
        everything = {c['Name'] for c in cloud.cli_json(
            'catalog', 'list', user=user)}
        assert svc_name in everything and len(everything) > 1
        cloud.cli('endpoint', 'add', 'project', endpoint['id'], user)
        listed = cloud.cli_json('endpoint', 'list', '--project', user)
        assert [e['ID'] for e in listed] == [endpoint['id']]
        projects = cloud.cli_json('endpoint', 'list', '--endpoint',
                                  endpoint['id'])
        assert [p['Name'] for p in projects] == [user]
        # The project's users now see only the associated endpoint.
        catalog = cloud.cli_json('catalog', 'list', user=user)
        assert [c['Name'] for c in catalog] == [svc_name]
        assert service['id'] == cloud.cli_json(
            'catalog', 'show', svc_name, user=user)['id']
        cloud.cli('endpoint', 'remove', 'project', endpoint['id'], user)
        assert cloud.cli_json('endpoint', 'list', '--project', user) == []
        assert {c['Name'] for c in cloud.cli_json(
            'catalog', 'list', user=user)} == everything
    finally:
        _drop_member(cloud, user)
        cloud.cli('endpoint', 'delete', endpoint['id'], check=False)
        cloud.cli('service', 'delete', service['id'], check=False)


def test_endpoint_group_lifecycle(cloud, tmp_path):
    svc_name, group, user = _name('fsvc'), _name('feg'), _name('fu')
    service = cloud.cli_json('service', 'create', '--name', svc_name,
                             svc_name)
    endpoint = cloud.cli_json('endpoint', 'create', '--region', 'RegionOne',
                              svc_name, 'internal', 'http://x/' + svc_name)
    _member_with_project(cloud, user)
    filters = tmp_path / 'filters.json'
    filters.write_text(json.dumps({'service_id': service['id']}))
    try:
        created = cloud.cli_json('endpoint', 'group', 'create',
                                 '--description', 'functional', group,
                                 str(filters))
        assert created['name'] == group
        assert created['filters'] == {'service_id': service['id']}
        assert group in [g['Name'] for g in cloud.cli_json(
            'endpoint', 'group', 'list')]
        assert cloud.cli_json('endpoint', 'group', 'show', group)[
            'id'] == created['id']
        # The CLI sends null for each option not given, which keystone's
        # schema refuses (name, filters): give all three.
        assert cloud.cli('endpoint', 'group', 'set', '--description', 'x',
                         group, check=False).returncode != 0
        cloud.cli('endpoint', 'group', 'set', '--description', 'changed',
                  '--name', group, '--filters', str(filters), group)
        assert cloud.cli_json('endpoint', 'group', 'show', group)[
            'description'] == 'changed'
        cloud.cli('endpoint', 'group', 'add', 'project', group, user)
        assert [g['ID'] for g in cloud.cli_json(
            'endpoint', 'group', 'list', '--project', user)] == [
            created['id']]
        assert [p['Name'] for p in cloud.cli_json(
            'endpoint', 'group', 'list', '--endpointgroup', group)] == [user]
        # The group's endpoints are the project's catalog now.
        catalog = cloud.cli_json('catalog', 'list', user=user)
        assert [c['Name'] for c in catalog] == [svc_name]
        cloud.cli('endpoint', 'group', 'remove', 'project', group, user)
        assert cloud.cli_json('endpoint', 'group', 'list', '--project',
                              user) == []
        bad = tmp_path / 'bad.json'
        bad.write_text(json.dumps({'url': 'x'}))
        result = cloud.cli('endpoint', 'group', 'set', '--filters',
                           str(bad), '--name', group, group, check=False)
        assert result.returncode != 0
        assert 'service_id or region_id or interface' in result.stderr
        cloud.cli('endpoint', 'group', 'delete', group)
        assert cloud.cli('endpoint', 'group', 'show', group,
                         check=False).returncode != 0
    finally:
        cloud.cli('endpoint', 'group', 'delete', group, check=False)
        _drop_member(cloud, user)
        cloud.cli('endpoint', 'delete', endpoint['id'], check=False)
        cloud.cli('service', 'delete', service['id'], check=False)


def test_policy_lifecycle(cloud, tmp_path):
    rules = tmp_path / 'rules.json'
    rules.write_text('{"compute:start": "role:member"}')
    policy = cloud.cli_json('policy', 'create', str(rules))
    try:
        assert policy['type'] == 'application/json'
        assert json.loads(policy['rules']) == {'compute:start': 'role:member'}
        assert policy['id'] in [p['ID'] for p in cloud.cli_json(
            'policy', 'list')]
        cloud.cli('policy', 'set', '--type', 'text/plain', policy['id'])
        shown = cloud.cli_json('policy', 'show', policy['id'])
        assert shown['type'] == 'text/plain'
        assert shown['rules'] == policy['rules']
        long = cloud.cli_json('policy', 'list', '--long')
        assert [p['Type'] for p in long if p['ID'] == policy['id']] == [
            'text/plain']
        # A member may not read policies.
        user = _name('fu')
        _member_with_project(cloud, user)
        try:
            result = cloud.cli('policy', 'list', user=user, check=False)
            assert result.returncode != 0
            assert 'identity:list_policies' in result.stderr
        finally:
            _drop_member(cloud, user)
        cloud.cli('policy', 'delete', policy['id'])
        assert cloud.cli('policy', 'show', policy['id'],
                         check=False).returncode != 0
    finally:
        cloud.cli('policy', 'delete', policy['id'], check=False)
