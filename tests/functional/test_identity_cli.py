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
