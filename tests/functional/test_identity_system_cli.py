"""The unchanged `openstack` CLI on system scope: system role assignments
(role add/remove --system all, role assignment list --system all) and a
system-scoped token (--os-system-scope all); raw REST where the CLI shows
no status."""
import json
import uuid

import pytest
import requests

from support.cloud import DEMO_PASSWORD

# The CLI's system scope: no project in the environment.
SYSTEM_ENV = {'OS_SYSTEM_SCOPE': 'all', 'OS_PROJECT_NAME': '',
              'OS_PROJECT_DOMAIN_NAME': ''}


def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


def _issue_system(cloud, user):
    result = cloud.cli('token', 'issue', '-f', 'json', user=user,
                       env=SYSTEM_ENV, check=False)
    return result, (json.loads(result.stdout) if result.returncode == 0
                    else None)


def test_system_role_lifecycle_and_system_token(cloud):
    user = _name('fsys')
    cloud.cli('project', 'create', user)
    cloud.cli('user', 'create', '--password', DEMO_PASSWORD, '--project',
              user, user)
    try:
        # No system role yet: keystone's 401.
        result, _ = _issue_system(cloud, user)
        assert result.returncode != 0
        assert 'has no access to the system' in result.stderr
        cloud.cli('role', 'add', '--system', 'all', '--user', user, 'reader')
        listed = cloud.cli_json('role', 'assignment', 'list', '--system',
                                'all', '--user', user, '--names')
        assert [(a['Role'], a['User'], a['System']) for a in listed] == [
            ('reader', user + '@Default', 'all')]
        everyone = cloud.cli_json('role', 'assignment', 'list', '--system',
                                  'all', '--names')
        # keystone-manage bootstrap makes the admin a system admin too.
        assert ('admin', 'admin@Default') in [
            (a['Role'], a['User']) for a in everyone]
        result, token = _issue_system(cloud, user)
        assert result.returncode == 0, result.stderr
        assert token['user_id']
        assert 'project_id' not in token
        resp = requests.get(cloud.url + '/identity/v3/auth/tokens', headers={
            'X-Auth-Token': cloud.token(), 'X-Subject-Token': token['id']})
        assert resp.status_code == 200
        body = resp.json()['token']
        assert body['system'] == {'all': True}
        assert 'project' not in body and 'domain' not in body
        assert [r['name'] for r in body['roles']] == ['reader']
        # A system reader reads identity, and may not write it.
        resp = requests.get(cloud.url + '/identity/v3/users', headers={
            'X-Auth-Token': token['id']})
        assert resp.status_code == 200
        resp = requests.post(cloud.url + '/identity/v3/projects', headers={
            'X-Auth-Token': token['id']}, json={'project': {'name': 'x'}})
        assert resp.status_code == 403
        resp = requests.get(cloud.url + '/identity/v3/auth/system', headers={
            'X-Auth-Token': token['id']})
        assert resp.json()['system'] == [{'all': True}]
        cloud.cli('role', 'remove', '--system', 'all', '--user', user,
                  'reader')
        assert cloud.cli_json('role', 'assignment', 'list', '--system',
                              'all', '--user', user) == []
        resp = requests.get(cloud.url + '/identity/v3/auth/tokens', headers={
            'X-Auth-Token': cloud.token(), 'X-Subject-Token': token['id']})
        assert resp.status_code == 404
    finally:
        cloud.cli('user', 'delete', user, check=False)
        cloud.cli('project', 'delete', user, check=False)


def test_admin_system_token_and_compute_refusal(cloud):
    result, token = _issue_system(cloud, 'admin')
    assert result.returncode == 0, result.stderr
    # Nova's rules are project-scoped: a system admin is refused.
    result = cloud.cli('hypervisor', 'list', env=SYSTEM_ENV, check=False)
    assert result.returncode != 0
    assert "Policy doesn't allow os_compute_api:os-hypervisors:list-detail " \
        "to be performed." in result.stderr
    # Identity administration works with it.
    group = _name('fsg')
    cloud.cli('group', 'create', group, env=SYSTEM_ENV)
    try:
        cloud.cli('role', 'add', '--system', 'all', '--group', group,
                  'member', env=SYSTEM_ENV)
        listed = cloud.cli_json('role', 'assignment', 'list', '--system',
                                'all', '--group', group, '--names')
        assert [(a['Role'], a['Group']) for a in listed] == [
            ('member', group + '@Default')]
        cloud.cli('role', 'remove', '--system', 'all', '--group', group,
                  'member', env=SYSTEM_ENV)
    finally:
        cloud.cli('group', 'delete', group, check=False)


def test_tempest_clients_on_system_roles(cloud):
    """tempest's own RolesClient checks keystone's status of each call."""
    from tempest.lib import exceptions as lib_exc
    from tempest.lib.services.identity import v3
    from support import strict_clients
    provider = strict_clients._provider(cloud, 'admin')
    roles = v3.RolesClient(provider, 'identity', 'RegionOne')
    groups = v3.GroupsClient(provider, 'identity', 'RegionOne')
    reader = [r for r in roles.list_roles()['roles']
              if r['name'] == 'reader'][0]['id']
    user = _name('tsys')
    cloud.cli('user', 'create', '--password', DEMO_PASSWORD, user)
    user_id = cloud.cli_json('user', 'show', user)['id']
    group = groups.create_group(name=_name('tsysg'),
                                domain_id='default')['group']
    try:
        roles.create_user_role_on_system(user_id, reader)
        roles.check_user_role_existence_on_system(user_id, reader)
        assert [r['id'] for r in roles.list_user_roles_on_system(user_id)[
            'roles']] == [reader]
        roles.delete_role_from_user_on_system(user_id, reader)
        with pytest.raises(lib_exc.NotFound):
            roles.check_user_role_existence_on_system(user_id, reader)
        roles.create_group_role_on_system(group['id'], reader)
        roles.check_role_from_group_on_system_existence(group['id'], reader)
        assert [r['id'] for r in roles.list_group_roles_on_system(
            group['id'])['roles']] == [reader]
        roles.delete_role_from_group_on_system(group['id'], reader)
        assert roles.list_group_roles_on_system(group['id'])['roles'] == []
    finally:
        cloud.cli('user', 'delete', user, check=False)
        groups.delete_group(group['id'])
