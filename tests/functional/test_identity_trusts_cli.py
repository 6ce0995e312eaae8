"""The unchanged `openstack` CLI on OS-TRUST: trust create/list/show/
delete, and the trustee authenticating with --os-trust-id to run a
compute command in the trustor's project."""
import uuid

from support import cloud as cloud_support
from support.cloud import DEMO_PASSWORD


def _trustee_cli(cloud, trustee, trust_id, *args):
    """The CLI as the trustee, scoped by the trust (no project: a trust
    scope excludes any other)."""
    env = cloud.env(trustee)
    for key in ('OS_PROJECT_NAME', 'OS_PROJECT_DOMAIN_NAME'):
        env.pop(key)
    env['OS_TRUST_ID'] = trust_id
    return cloud_support.run_openstack(args, env)


def test_trust_lifecycle_and_trust_scoped_cli(cloud):
    trustee = 'ft-%s' % uuid.uuid4().hex[:6]
    user = cloud.cli_json('user', 'create', '--password', DEMO_PASSWORD,
                          trustee)
    try:
        trust = cloud.cli_json('trust', 'create', '--project', 'admin',
                               '--role', 'member', '--impersonate',
                               '--expiration', '2099-01-01T00:00:00',
                               'admin', trustee)
        assert trust['trustee_user_id'] == user['id'], trust
        assert trust['is_impersonation'] is True, trust
        assert trust['expires_at'].startswith('2099-01-01T00:00:00'), trust
        assert 'member' in str(trust['roles']), trust
        listed = cloud.cli_json('trust', 'list')
        assert trust['id'] in [t['ID'] for t in listed]
        mine = cloud.cli_json('trust', 'list', '--trustee', trustee)
        assert [t['ID'] for t in mine] == [trust['id']]
        shown = cloud.cli_json('trust', 'show', trust['id'])
        assert shown['id'] == trust['id']
        assert shown['project_id'] == trust['project_id']

        token = _trustee_cli(cloud, trustee, trust['id'], 'token', 'issue',
                             '-f', 'value', '-c', 'project_id')
        assert token.returncode == 0, token.stderr
        assert token.stdout.strip() == trust['project_id']
        servers = _trustee_cli(cloud, trustee, trust['id'], 'server',
                               'list', '-f', 'json')
        assert servers.returncode == 0, servers.stderr

        cloud.cli('trust', 'delete', trust['id'])
        assert trust['id'] not in [t['ID'] for t in cloud.cli_json(
            'trust', 'list')]
        refused = _trustee_cli(cloud, trustee, trust['id'], 'server',
                               'list')
        assert refused.returncode != 0 and '401' in refused.stderr
        assert 'Traceback' not in refused.stderr
    finally:
        cloud.cli('user', 'delete', user['id'])
