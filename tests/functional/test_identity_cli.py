"""The unchanged `openstack` CLI against identity: tokens, catalog,
projects and users, wrong passwords."""
import requests


def test_token_issue_and_revoke(cloud):
    token = cloud.cli_json('token', 'issue')
    assert token['id'] and token['project_id'] and token['user_id']
    cloud.cli('token', 'revoke', token['id'])
    resp = requests.get(cloud.url + '/compute/v2.1/flavors',
                        headers={'X-Auth-Token': token['id']})
    assert resp.status_code == 401


def test_catalog_lists_every_service(cloud):
    catalog = cloud.cli_json('catalog', 'list')
    types = {entry['Type'] for entry in catalog}
    assert {'identity', 'compute', 'block-storage', 'volumev3',
            'image'} <= types
    shown = cloud.cli_json('catalog', 'show', 'compute')
    assert '/compute/v2.1' in str(shown['endpoints'])


def test_wrong_password_is_401_with_a_clear_message(cloud):
    result = cloud.cli('token', 'issue', check=False,
                       env={'OS_PASSWORD': 'wrong'})
    assert result.returncode != 0
    assert 'HTTP 401' in result.stderr
    assert 'Traceback' not in result.stderr


def test_project_and_user_lifecycle(cloud):
    project = cloud.cli_json('project', 'create', 'functional-p1')
    assert project['name'] == 'functional-p1'
    user = cloud.cli_json('user', 'create', '--password', 'pw',
                          '--project', 'functional-p1', 'functional-u1')
    cloud.cli('role', 'add', '--project', 'functional-p1', '--user',
              'functional-u1', 'member')
    assignments = cloud.cli_json('role', 'assignment', 'list', '--names',
                                 '--user', 'functional-u1')
    assert [a['Role'] for a in assignments] == ['member']
    names = [p['Name'] for p in cloud.cli_json('project', 'list')]
    assert {'admin', 'demo', 'functional-p1'} <= set(names)
    cloud.cli('user', 'delete', user['id'])
    cloud.cli('project', 'delete', 'functional-p1')


def test_member_cannot_use_admin_apis(cloud):
    result = cloud.cli('project', 'create', 'nope', user='demo', check=False)
    assert result.returncode != 0
    assert '403' in result.stderr


def test_malformed_body_is_400_naming_the_problem(cloud):
    resp = requests.post(cloud.url + '/identity/v3/auth/tokens',
                         data='{"auth": ', headers={
                             'Content-Type': 'application/json'})
    assert resp.status_code == 400
    assert resp.json()['error']['code'] == 400
    resp = requests.post(cloud.url + '/compute/v2.1/flavors',
                         json={'flavor': {'name': 'x', 'ram': 'lots',
                                          'vcpus': 1, 'disk': 1}},
                         headers={'X-Auth-Token': cloud.token()})
    assert resp.status_code == 400
    assert 'ram' in resp.json()['badRequest']['message']


def test_catalog_admin_commands(cloud):
    service = cloud.cli_json('service', 'create', '--name', 'func-svc',
                             'func-type')
    endpoint = cloud.cli_json('endpoint', 'create', '--region', 'RegionOne',
                              'func-svc', 'public', 'http://x/func')
    assert endpoint['url'] == 'http://x/func'
    listed = cloud.cli_json('endpoint', 'list', '--service', 'func-svc')
    assert [e['ID'] for e in listed] == [endpoint['id']]
    assert cloud.cli_json('service', 'show', 'func-svc')['id'] == \
        service['id']
    assert 'RegionOne' in {r['Region'] for r in cloud.cli_json(
        'region', 'list')}
    cloud.cli('endpoint', 'delete', endpoint['id'])
    cloud.cli('service', 'delete', 'func-svc')


def test_domain_lifecycle(cloud):
    cloud.cli_json('domain', 'create', 'func-domain')
    assert 'func-domain' in {d['Name'] for d in cloud.cli_json(
        'domain', 'list')}
    # As keystone: an enabled domain cannot be deleted.
    assert cloud.cli('domain', 'delete', 'func-domain',
                     check=False).returncode != 0
    cloud.cli('domain', 'set', '--disable', 'func-domain')
    cloud.cli('domain', 'delete', 'func-domain')


def test_role_commands(cloud):
    role = cloud.cli_json('role', 'create', 'func-role')
    assert cloud.cli_json('role', 'show', 'func-role')['id'] == role['id']
    assert {'admin', 'member', 'reader', 'manager'} <= {
        r['Name'] for r in cloud.cli_json('role', 'list')}
    cloud.cli('role', 'delete', 'func-role')
