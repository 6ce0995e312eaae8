"""The unchanged `openstack` CLI on unified limits: registered limits,
project limits, and a project user's view of them."""
import uuid

from support.cloud import DEMO_PASSWORD


def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


def test_registered_limits_and_limits(cloud):
    service = _name('flsvc')
    user = _name('flu')
    resource = _name('volumes')
    cloud.cli('service', 'create', '--name', service, service)
    cloud.cli('project', 'create', user)
    cloud.cli('user', 'create', '--password', DEMO_PASSWORD, '--project',
              user, user)
    cloud.cli('role', 'add', '--user', user, '--project', user, 'member')
    created = []
    try:
        reg = cloud.cli_json('registered', 'limit', 'create', '--service',
                             service, '--default-limit', '10', '--region',
                             'RegionOne', '--description', 'functional',
                             resource)
        created.append(('registered', 'limit', 'delete', reg['id']))
        assert (reg['resource_name'], reg['default_limit'],
                reg['region_id'], reg['description']) == (
            resource, 10, 'RegionOne', 'functional')
        listed = cloud.cli_json('registered', 'limit', 'list', '--service',
                                service)
        assert [r['ID'] for r in listed] == [reg['id']]
        assert cloud.cli_json('registered', 'limit', 'list',
                              '--resource-name', resource)[0][
            'Default Limit'] == 10
        shown = cloud.cli_json('registered', 'limit', 'show', reg['id'])
        assert shown['id'] == reg['id']
        changed = cloud.cli_json('registered', 'limit', 'set',
                                 '--default-limit', '20', reg['id'])
        assert changed['default_limit'] == 20

        mine = cloud.cli_json('limit', 'create', '--project', user,
                              '--service', service, '--region', 'RegionOne',
                              '--resource-limit', '5', resource)
        created.insert(0, ('limit', 'delete', mine['id']))
        theirs = cloud.cli_json('limit', 'create', '--project', 'admin',
                                '--service', service, '--region',
                                'RegionOne', '--resource-limit', '7',
                                resource)
        created.insert(0, ('limit', 'delete', theirs['id']))
        project_id = cloud.cli_json('project', 'show', user)['id']
        assert (mine['resource_limit'], mine['project_id']) == (5,
                                                                project_id)
        listed = cloud.cli_json('limit', 'list', '--service', service)
        assert {r['ID'] for r in listed} == {mine['id'], theirs['id']}
        assert cloud.cli_json('limit', 'show', mine['id'])[
            'project_id'] == mine['project_id']
        changed = cloud.cli_json('limit', 'set', '--resource-limit', '6',
                                 '--description', 'mine', mine['id'])
        assert (changed['resource_limit'], changed['description']) == (
            6, 'mine')
        # A project user sees its own project's limit only.
        as_user = cloud.cli_json('limit', 'list', user=user)
        assert [r['ID'] for r in as_user] == [mine['id']]
        refused = cloud.cli('limit', 'show', theirs['id'], user=user,
                            check=False)
        assert refused.returncode != 0
        assert 'identity:get_limit' in refused.stderr
        # keystone keeps a registered limit that limits refer to.
        refused = cloud.cli('registered', 'limit', 'delete', reg['id'],
                            check=False)
        assert refused.returncode != 0
        assert 'project limits associated with it' in refused.stderr
        assert cloud.cli_json('registered', 'limit', 'show', reg['id'])[
            'id'] == reg['id']
        duplicate = cloud.cli('limit', 'create', '--project', user,
                              '--service', service, '--region', 'RegionOne',
                              '--resource-limit', '5', resource,
                              check=False)
        assert duplicate.returncode != 0
        assert 'Duplicate entry' in duplicate.stderr
    finally:
        for args in created:
            cloud.cli(*args, check=False)
        cloud.cli('user', 'delete', user, check=False)
        cloud.cli('project', 'delete', user, check=False)
        cloud.cli('service', 'delete', service, check=False)
    result = cloud.cli('registered', 'limit', 'show', reg['id'], check=False)
    assert result.returncode != 0
