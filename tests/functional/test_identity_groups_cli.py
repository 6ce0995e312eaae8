"""The unchanged `openstack` CLI on groups, group role assignments,
implied roles, domain-specific roles and project properties; raw REST
where the CLI shows no status."""
import uuid

import requests

from support.cloud import DEMO_PASSWORD


def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


def _user_with_project(cloud, name):
    """A user whose project has its name (so cloud.cli(user=name) works),
    holding no role yet."""
    cloud.cli('project', 'create', name)
    cloud.cli('user', 'create', '--password', DEMO_PASSWORD,
              '--project', name, name)


def test_group_lifecycle_and_membership(cloud):
    group_name = _name('fg')
    user = _name('fu')
    _user_with_project(cloud, user)
    group = cloud.cli_json('group', 'create', '--domain', 'default',
                           '--description', 'functional', group_name)
    assert group['name'] == group_name and group['domain_id'] == 'default'
    listed = cloud.cli_json('group', 'list', '--domain', 'default')
    assert group['id'] in [g['ID'] for g in listed]
    assert cloud.cli_json('group', 'show', group_name)['id'] == group['id']
    cloud.cli('group', 'set', '--description', 'changed', group_name)
    assert cloud.cli_json('group', 'show', group_name)[
        'description'] == 'changed'
    cloud.cli('group', 'add', 'user', group_name, user)
    result = cloud.cli('group', 'contains', 'user', group_name, user)
    assert '%s in group %s' % (user, group_name) in result.stdout
    members = cloud.cli_json('user', 'list', '--group', group_name)
    assert [m['Name'] for m in members] == [user]
    cloud.cli('group', 'remove', 'user', group_name, user)
    result = cloud.cli('group', 'contains', 'user', group_name, user)
    assert '%s not in group %s' % (user, group_name) in result.stderr
    cloud.cli('group', 'delete', group_name)
    result = cloud.cli('group', 'show', group_name, check=False)
    assert result.returncode != 0


def test_group_role_gives_tokens_and_removal_takes_it_away(cloud):
    group_name = _name('fg')
    user = _name('fu')
    _user_with_project(cloud, user)
    cloud.cli('group', 'create', group_name)
    cloud.cli('role', 'add', '--group', group_name, '--project', user,
              'member')
    # No role yet: the user cannot scope to its project.
    assert cloud.cli('token', 'issue', user=user,
                     check=False).returncode != 0
    cloud.cli('group', 'add', 'user', group_name, user)
    token = cloud.cli_json('token', 'issue', user=user)
    resp = requests.get(cloud.url + '/identity/v3/auth/tokens', headers={
        'X-Auth-Token': cloud.token(), 'X-Subject-Token': token['id']})
    assert resp.status_code == 200
    assert [r['name'] for r in resp.json()['token']['roles']] == [
        'member', 'reader']
    direct = cloud.cli_json('role', 'assignment', 'list', '--group',
                            group_name, '--names')
    assert [(a['Role'], a['Group'], a['Project']) for a in direct] == [
        ('member', group_name + '@Default', user + '@Default')]
    effective = cloud.cli_json('role', 'assignment', 'list', '--effective',
                               '--user', user, '--names')
    assert sorted(a['Role'] for a in effective) == ['member', 'reader']
    cloud.cli('group', 'remove', 'user', group_name, user)
    resp = requests.get(cloud.url + '/identity/v3/auth/tokens', headers={
        'X-Auth-Token': cloud.token(), 'X-Subject-Token': token['id']})
    assert resp.status_code == 404
    cloud.cli('group', 'delete', group_name)


def test_implied_roles(cloud):
    prior, implied = _name('prior'), _name('implied')
    prior_id = cloud.cli_json('role', 'create', prior)['id']
    implied_id = cloud.cli_json('role', 'create', implied)['id']
    created = cloud.cli_json('implied', 'role', 'create', prior,
                             '--implied-role', implied)
    assert created == {'prior_role': prior_id, 'implies': implied_id}
    rules = cloud.cli_json('implied', 'role', 'list')
    pairs = {(r['Prior Role Name'], r['Implied Role Name']) for r in rules}
    assert {(prior, implied), ('admin', 'manager'), ('manager', 'member'),
            ('member', 'reader')} <= pairs
    result = cloud.cli('implied', 'role', 'create', prior,
                       '--implied-role', 'admin', check=False)
    assert result.returncode != 0 and '403' in result.stderr
    cloud.cli('implied', 'role', 'delete', prior, '--implied-role', implied)
    rules = cloud.cli_json('implied', 'role', 'list')
    assert prior not in {r['Prior Role Name'] for r in rules}


def test_domain_specific_roles(cloud):
    name = _name('dr')
    role = cloud.cli_json('role', 'create', '--domain', 'default', name)
    assert role['domain_id'] == 'default'
    listed = cloud.cli_json('role', 'list', '--domain', 'default')
    assert name in [r['Name'] for r in listed]
    assert name not in [r['Name'] for r in cloud.cli_json('role', 'list')]
    cloud.cli('role', 'delete', '--domain', 'default', name)


def test_project_properties(cloud):
    name = _name('fp')
    cloud.cli('project', 'create', name)
    cloud.cli('project', 'set', '--property', 'cost_center=cc7', name)
    shown = cloud.cli_json('project', 'show', name)
    assert shown['cost_center'] == 'cc7'
    resp = requests.get(
        cloud.url + '/identity/v3/projects/%s?parents_as_ids' % shown['id'],
        headers={'X-Auth-Token': cloud.token()})
    assert resp.status_code == 200
    assert resp.json()['project']['parents'] == {'default': None}
    cloud.cli('project', 'delete', name)


# --- tempest's own identity clients: each call checks keystone's status ---

def _tempest(cloud):
    from tempest.lib.services.identity import v3
    from support import strict_clients
    provider = strict_clients._provider(cloud, 'admin')
    return {name: cls(provider, 'identity', 'RegionOne')
            for name, cls in (('groups', v3.GroupsClient),
                              ('users', v3.UsersClient),
                              ('roles', v3.RolesClient),
                              ('assignments', v3.RoleAssignmentsClient))}


def test_tempest_clients_on_groups_and_implied_roles(cloud):
    clients = _tempest(cloud)
    groups, roles = clients['groups'], clients['roles']
    user = _name('tu')
    _user_with_project(cloud, user)
    user_id = cloud.cli_json('user', 'show', user)['id']
    project_id = cloud.cli_json('project', 'show', user)['id']
    group = groups.create_group(name=_name('tg'),
                                domain_id='default')['group']
    assert groups.show_group(group['id'])['group'] == group
    assert group['id'] in [g['id'] for g in groups.list_groups(
        domain_id='default')['groups']]
    groups.update_group(group['id'], description='changed')
    groups.add_group_user(group['id'], user_id)
    groups.check_group_user_existence(group['id'], user_id)
    assert [u['id'] for u in groups.list_group_users(group['id'])[
        'users']] == [user_id]
    assert [g['id'] for g in clients['users'].list_user_groups(user_id)[
        'groups']] == [group['id']]
    prior = roles.create_role(name=_name('tprior'))['role']
    implied = roles.create_role(name=_name('timplied'))['role']
    roles.create_role_inference_rule(prior['id'], implied['id'])
    roles.check_role_inference_rule(prior['id'], implied['id'])
    assert roles.show_role_inference_rule(prior['id'], implied['id'])[
        'role_inference']['implies']['id'] == implied['id']
    assert [r['id'] for r in roles.list_role_inferences_rules(prior['id'])[
        'role_inference']['implies']] == [implied['id']]
    assert prior['id'] in [r['prior_role']['id'] for r in roles.
                           list_all_role_inference_rules()['role_inferences']]
    roles.create_group_role_on_project(project_id, group['id'], prior['id'])
    roles.check_role_from_group_on_project_existence(
        project_id, group['id'], prior['id'])
    assert [r['id'] for r in roles.list_group_roles_on_project(
        project_id, group['id'])['roles']] == [prior['id']]
    effective = clients['assignments'].list_role_assignments(
        effective=True, **{'user.id': user_id, 'scope.project.id':
                           project_id})['role_assignments']
    assert sorted(a['role']['id'] for a in effective) == sorted(
        [prior['id'], implied['id']])
    domain_role = roles.create_role(name=_name('tdr'),
                                    domain_id='default')['role']
    assert domain_role in roles.list_roles(domain_id='default')['roles']
    roles.delete_role_from_group_on_project(project_id, group['id'],
                                            prior['id'])
    roles.delete_role_inference_rule(prior['id'], implied['id'])
    groups.delete_group_user(group['id'], user_id)
    groups.delete_group(group['id'])
    for role in (prior, implied, domain_role):
        roles.delete_role(role['id'])
