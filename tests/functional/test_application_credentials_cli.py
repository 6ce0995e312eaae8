"""The unchanged `openstack` CLI on application credentials and access
rules, and authenticating the CLI with an application credential
(v3applicationcredential) to use compute, block-storage and image."""
import json
import os
import uuid

import pytest
import requests

from support import cloud as cloud_support
from support.cloud import DEMO_PASSWORD


def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


@pytest.fixture
def member(cloud):
    """A user holding member on a project of its name; deleted after."""
    name = _name('ac')
    cloud.cli('project', 'create', name)
    cloud.cli('user', 'create', '--password', DEMO_PASSWORD,
              '--project', name, name)
    cloud.cli('role', 'add', '--user', name, '--project', name, 'member')
    yield name
    cloud.cli('user', 'delete', name, check=False)
    cloud.cli('project', 'delete', name, check=False)


def _json(cloud, *args, user):
    """cli_json with the CLI's column titles as snake_case keys (the
    SDK-based commands print "ID", "Project ID", ...)."""
    doc = cloud.cli_json(*args, user=user)
    fix = lambda d: {k.lower().replace(' ', '_'): v for k, v in d.items()}
    return [fix(d) for d in doc] if isinstance(doc, list) else fix(doc)


def _as_credential(cloud, cred_id, secret, *args):
    """The CLI authenticated by the application credential alone."""
    env = {k: v for k, v in os.environ.items() if not k.startswith('OS_')}
    env.update({
        'OS_AUTH_URL': cloud.url + '/identity/v3',
        'OS_AUTH_TYPE': 'v3applicationcredential',
        'OS_APPLICATION_CREDENTIAL_ID': cred_id,
        'OS_APPLICATION_CREDENTIAL_SECRET': secret,
        'OS_IDENTITY_API_VERSION': '3',
        'OS_REGION_NAME': 'RegionOne',
    })
    return cloud_support.run_openstack(args, env)


def test_credential_lifecycle_and_cli_auth(cloud, member):
    created = _json(cloud, 'application', 'credential', 'create',
                             '--description', 'functional', '--role',
                             'member', 'monitoring', user=member)
    assert created['name'] == 'monitoring' and created['secret']
    assert created['description'] == 'functional'
    assert created['unrestricted'] is False
    listed = _json(cloud, 'application', 'credential', 'list', user=member)
    assert [c['id'] for c in listed] == [created['id']]
    shown = _json(cloud, 'application', 'credential', 'show', 'monitoring',
                  user=member)
    assert shown['id'] == created['id'] and 'secret' not in shown
    duplicate = cloud.cli('application', 'credential', 'create',
                          'monitoring', user=member, check=False)
    assert duplicate.returncode != 0 and '409' in duplicate.stderr

    for command in (('server', 'list'), ('volume', 'list'),
                    ('image', 'list')):
        result = _as_credential(cloud, created['id'], created['secret'],
                                *command)
        assert result.returncode == 0, result.stderr
    # A restricted credential may not make another one.
    result = _as_credential(cloud, created['id'], created['secret'],
                            'application', 'credential', 'create', 'again')
    assert result.returncode != 0 and '403' in result.stderr
    wrong = _as_credential(cloud, created['id'], 'not-the-secret',
                           'server', 'list')
    assert wrong.returncode != 0

    cloud.cli('application', 'credential', 'delete', 'monitoring',
              user=member)
    assert cloud.cli_json('application', 'credential', 'list',
                          user=member) == []
    gone = _as_credential(cloud, created['id'], created['secret'],
                          'server', 'list')
    assert gone.returncode != 0


def test_access_rules_limit_what_the_cli_may_call(cloud, member):
    rules = [{'service': 'compute', 'method': 'GET', 'path': '/v2.1/**'},
             {'service': 'image', 'method': 'GET', 'path': '/v2/**'}]
    created = _json(cloud, 'application', 'credential', 'create',
                             '--access-rules', json.dumps(rules),
                             'limited', user=member)
    result = _as_credential(cloud, created['id'], created['secret'],
                            'server', 'list')
    assert result.returncode == 0, result.stderr
    result = _as_credential(cloud, created['id'], created['secret'],
                            'volume', 'list')
    assert result.returncode != 0

    listed = _json(cloud, 'access', 'rule', 'list', user=member)
    assert sorted((r['service'], r['method'], r['path']) for r in listed) \
        == [('compute', 'GET', '/v2.1/**'), ('image', 'GET', '/v2/**')]
    rule_id = [r['id'] for r in listed if r['service'] == 'compute'][0]
    shown = _json(cloud, 'access', 'rule', 'show', rule_id, user=member)
    assert shown['path'] == '/v2.1/**'
    in_use = cloud.cli('access', 'rule', 'delete', rule_id, user=member,
                       check=False)
    assert in_use.returncode != 0
    cloud.cli('application', 'credential', 'delete', 'limited', user=member)
    for rule in listed:
        cloud.cli('access', 'rule', 'delete', rule['id'], user=member)
    assert cloud.cli_json('access', 'rule', 'list', user=member) == []


def test_token_body_of_a_credential(cloud, member):
    created = _json(cloud, 'application', 'credential', 'create',
                             '--unrestricted', 'free', user=member)
    resp = requests.post(cloud.url + '/identity/v3/auth/tokens', json={
        'auth': {'identity': {'methods': ['application_credential'],
                              'application_credential': {
                                  'id': created['id'],
                                  'secret': created['secret']}}}})
    assert resp.status_code == 201
    token = resp.json()['token']
    assert token['application_credential'] == {
        'id': created['id'], 'name': 'free', 'restricted': False}
    assert token['project']['name'] == member
    # Deleting the user takes its credentials along.
    cloud.cli('user', 'delete', member)
    resp = requests.post(cloud.url + '/identity/v3/auth/tokens', json={
        'auth': {'identity': {'methods': ['application_credential'],
                              'application_credential': {
                                  'id': created['id'],
                                  'secret': created['secret']}}}})
    assert resp.status_code == 404
