"""Objects made with the unchanged `openstack` CLI, read back over raw REST
from the running identity daemon: the functional conftest holds every
answer to keystone 30.0.0's own published response schema."""
import uuid

import pytest
import requests

from support import identity_schemas


@pytest.fixture(autouse=True)
def _keystone_schemas():
    identity_schemas.skip_unless_available()


def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


def _get(cloud, path):
    resp = requests.get(cloud.url + '/identity/v3' + path,
                        headers={'X-Auth-Token': cloud.token()})
    assert resp.status_code == 200, resp.text
    return resp.json()


def test_cli_made_objects_read_back_as_keystone_describes_them(cloud):
    made = []
    try:
        domain = cloud.cli_json('domain', 'create', '--description', 'x',
                                _name('sd'))
        made.append(('domain', domain['id']))
        project = cloud.cli_json('project', 'create', '--tag', 't1',
                                 '--description', 'p', _name('sp'))
        made.append(('project', project['id']))
        user = cloud.cli_json('user', 'create', '--password', 'pw',
                              '--project', project['id'], _name('su'))
        made.append(('user', user['id']))
        group = cloud.cli_json('group', 'create', _name('sg'))
        made.append(('group', group['id']))
        role = cloud.cli_json('role', 'create', _name('sr'))
        made.append(('role', role['id']))
        cloud.cli('role', 'add', '--project', project['id'], '--user',
                  user['id'], role['id'])
        cloud.cli('role', 'add', '--domain', 'default', '--group',
                  group['id'], role['id'])
        region = cloud.cli_json('region', 'create', _name('SR'))
        made.append(('region', region['region']))
        service = cloud.cli_json('service', 'create', '--name',
                                 _name('ss'), _name('stype'))
        made.append(('service', service['id']))
        endpoint = cloud.cli_json('endpoint', 'create', '--region',
                                  region['region'], service['id'],
                                  'internal', 'http://x/schemas')
        made.append(('endpoint', endpoint['id']))
        credential = cloud.cli_json('credential', 'create', '--type', 'ec2',
                                    '--project', project['id'], user['id'],
                                    '{"access": "a", "secret": "s"}')
        made.append(('credential', credential['id']))
        app_cred = cloud.cli_json('application', 'credential', 'create',
                                  '--description', 'schemas', _name('sac'))
        app_cred = {k.lower(): v for k, v in app_cred.items()}  # SDK titles
        made.append(('application credential', app_cred['id']))
        owner = cloud.cli_json('token', 'issue')['user_id']

        for path in (
                '/domains', '/domains/' + domain['id'],
                '/projects', '/projects/' + project['id'],
                '/projects/%s/tags' % project['id'],
                '/users', '/users/' + user['id'],
                '/groups', '/groups/' + group['id'],
                '/roles', '/roles/' + role['id'],
                '/projects/%s/users/%s/roles' % (project['id'], user['id']),
                '/domains/default/groups/%s/roles' % group['id'],
                '/role_assignments', '/role_assignments?include_names',
                '/role_assignments?effective&include_names',
                '/regions', '/regions/' + region['region'],
                '/services', '/services/' + service['id'],
                '/endpoints', '/endpoints/' + endpoint['id'],
                '/credentials', '/credentials/' + credential['id'],
                '/role_inferences', '/limits', '/registered_limits',
                '/limits/model', '/OS-TRUST/trusts',
                '/OS-EP-FILTER/endpoint_groups',
                '/OS-FEDERATION/identity_providers',
                '/OS-FEDERATION/service_providers',
                '/users/%s/application_credentials' % owner,
                '/users/%s/application_credentials/%s' % (
                    owner, app_cred['id'])):
            assert identity_schemas.template_for('GET', '/v3' + path) is not None
            _get(cloud, path)
    finally:
        for kind, ident in reversed(made):
            if kind == 'domain':
                cloud.cli('domain', 'set', '--disable', ident, check=False)
            cloud.cli(*kind.split(), 'delete', ident, check=False)
