"""The unchanged `openstack` CLI on OS-OAUTH1 (consumers, request token,
authorize, access token, then keystoneauth's v3oauth1 plugin) and
OS-OAUTH2 (keystoneauth's v3oauth2clientcredential plugin, which gets
its token from /v3/OS-OAUTH2/token); raw REST for what the CLI hides."""
import uuid

import requests

from support import cloud as cloud_support


def _plugin_cli(cloud, options, *args):
    """The CLI with an auth plugin of its own (no password settings)."""
    env = {k: v for k, v in cloud.env().items() if not k.startswith('OS_')}
    env.update(OS_AUTH_URL=cloud.url + '/identity/v3',
               OS_IDENTITY_API_VERSION='3', OS_REGION_NAME='RegionOne')
    return cloud_support.run_openstack(list(options) + list(args), env)


def test_oauth1_consumer_and_delegation(cloud):
    consumer = cloud.cli_json('consumer', 'create', '--description',
                              'functional')
    try:
        assert consumer['description'] == 'functional'
        assert consumer['secret']
        listed = cloud.cli_json('consumer', 'list')
        assert consumer['id'] in [c['ID'] for c in listed]
        cloud.cli('consumer', 'set', '--description', 'changed',
                  consumer['id'])
        shown = cloud.cli_json('consumer', 'show', consumer['id'])
        assert shown['description'] == 'changed'
        assert 'secret' not in shown
        request = cloud.cli_json(
            'request', 'token', 'create', '--consumer-key', consumer['id'],
            '--consumer-secret', consumer['secret'], '--project', 'admin')
        assert request['key'] and request['secret']
        verifier = cloud.cli_json(
            'request', 'token', 'authorize', '--request-key',
            request['key'], '--role', 'member')['oauth_verifier']
        access = cloud.cli_json(
            'access', 'token', 'create', '--consumer-key', consumer['id'],
            '--consumer-secret', consumer['secret'], '--request-key',
            request['key'], '--request-secret', request['secret'],
            '--verifier', verifier)
        # A second exchange of the same verifier fails.
        again = cloud.cli(
            'access', 'token', 'create', '--consumer-key', consumer['id'],
            '--consumer-secret', consumer['secret'], '--request-key',
            request['key'], '--request-secret', request['secret'],
            '--verifier', verifier, check=False)
        assert again.returncode != 0
        result = _plugin_cli(cloud, [
            '--os-auth-type', 'v3oauth1',
            '--os-consumer-key', consumer['id'],
            '--os-consumer-secret', consumer['secret'],
            '--os-access-key', access['key'],
            '--os-access-secret', access['secret']],
            'token', 'issue', '-f', 'value', '-c', 'id')
        assert result.returncode == 0, result.stderr
        token_id = result.stdout.strip()
        resp = requests.get(cloud.url + '/identity/v3/auth/tokens', headers={
            'X-Auth-Token': cloud.token(), 'X-Subject-Token': token_id})
        assert resp.status_code == 200, resp.text
        token = resp.json()['token']
        assert token['OS-OAUTH1'] == {'access_token_id': access['key'],
                                      'consumer_id': consumer['id']}
        assert [r['name'] for r in token['roles']] == ['member', 'reader']
        admin_id = token['user']['id']
        tokens_url = '%s/identity/v3/users/%s/OS-OAUTH1/access_tokens' % (
            cloud.url, admin_id)
        listed = requests.get(tokens_url, headers={
            'X-Auth-Token': cloud.token()}).json()['access_tokens']
        assert access['key'] in [t['id'] for t in listed]
    finally:
        cloud.cli('consumer', 'delete', consumer['id'])
    assert cloud.cli('consumer', 'show', consumer['id'],
                     check=False).returncode != 0


def test_oauth2_client_credentials(cloud):
    name = 'oauth2-%s' % uuid.uuid4().hex[:6]
    created = cloud.cli_json('application', 'credential', 'create', name)
    # The SDK-based command prints column titles ("ID", "Secret").
    cred = {k.lower(): v for k, v in created.items()}
    try:
        result = _plugin_cli(cloud, [
            '--os-auth-type', 'v3oauth2clientcredential',
            '--os-oauth2-endpoint',
            cloud.url + '/identity/v3/OS-OAUTH2/token',
            '--os-oauth2-client-id', cred['id'],
            '--os-oauth2-client-secret', cred['secret']],
            'project', 'show', 'admin', '-f', 'value', '-c', 'name')
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == 'admin'
        resp = requests.post(
            cloud.url + '/identity/v3/OS-OAUTH2/token',
            data={'grant_type': 'client_credentials'},
            auth=(cred['id'], 'wrong'))
        assert resp.status_code == 401
        assert resp.json()['error'] == 'invalid_client'
    finally:
        cloud.cli('application', 'credential', 'delete', name)
