"""The unchanged `openstack` CLI on OS-INHERIT (role add --inherited),
project tags and credentials. Everything created is removed."""
import hashlib
import json
import uuid

from support.cloud import DEMO_PASSWORD


def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


def _ids(rows, key='ID'):
    return {r[key] for r in rows}


def test_inherited_roles(cloud):
    domain, project, user = _name('fd'), _name('fp'), _name('fu')
    cloud.cli('domain', 'create', domain)
    try:
        project_id = cloud.cli_json('project', 'create', '--domain', domain,
                                    project)['id']
        cloud.cli('project', 'create', user)
        user_id = cloud.cli_json('user', 'create', '--password',
                                 DEMO_PASSWORD, '--project', user,
                                 user)['id']
        elsewhere = {'OS_PROJECT_NAME': project,
                     'OS_PROJECT_DOMAIN_NAME': domain}
        assert cloud.cli('token', 'issue', user=user, env=elsewhere,
                         check=False).returncode != 0
        cloud.cli('role', 'add', '--inherited', '--domain', domain,
                  '--user', user, 'reader')
        cloud.cli('role', 'add', '--inherited', '--project', user,
                  '--user', user, 'member')
        inherited = cloud.cli_json('role', 'assignment', 'list',
                                   '--inherited', '--user', user_id)
        assert len(inherited) == 2
        assert all(r['Inherited'] for r in inherited)
        assert {r['Domain'] or r['Project'] for r in inherited} == {
            cloud.cli_json('domain', 'show', domain)['id'],
            cloud.cli_json('project', 'show', user)['id']}
        # The domain's grant reaches its project: a token scoped there.
        token = json.loads(cloud.cli('token', 'issue', '-f', 'json',
                                     user=user, env=elsewhere).stdout)
        assert token['project_id'] == project_id
        effective = cloud.cli_json('role', 'assignment', 'list',
                                   '--effective', '--user', user_id)
        assert project_id in {r['Project'] for r in effective}
        cloud.cli('role', 'remove', '--inherited', '--domain', domain,
                  '--user', user, 'reader')
        cloud.cli('role', 'remove', '--inherited', '--project', user,
                  '--user', user, 'member')
        assert cloud.cli_json('role', 'assignment', 'list', '--inherited',
                              '--user', user_id) == []
        assert cloud.cli('token', 'issue', user=user, env=elsewhere,
                         check=False).returncode != 0
    finally:
        cloud.cli('user', 'delete', user, check=False)
        cloud.cli('project', 'delete', user, check=False)
        cloud.cli('project', 'delete', '--domain', domain, project,
                  check=False)
        cloud.cli('domain', 'set', '--disable', domain, check=False)
        cloud.cli('domain', 'delete', domain, check=False)


def test_project_tags(cloud):
    first, second = _name('ft'), _name('ft')
    tag_a, tag_b = _name('a'), _name('b')
    try:
        created = cloud.cli_json('project', 'create', '--tag', tag_a,
                                 '--tag', tag_b, first)
        assert sorted(created['tags']) == sorted([tag_a, tag_b])
        cloud.cli('project', 'create', '--tag', tag_a, second)
        cloud.cli('project', 'set', '--tag', tag_b, second)
        assert sorted(cloud.cli_json('project', 'show', second)['tags']) == \
            sorted([tag_a, tag_b])
        cloud.cli('project', 'set', '--remove-tag', tag_b, first)
        assert cloud.cli_json('project', 'show', first)['tags'] == [tag_a]
        assert {r['Name'] for r in cloud.cli_json(
            'project', 'list', '--tags', tag_a)} == {first, second}
        assert {r['Name'] for r in cloud.cli_json(
            'project', 'list', '--tags', '%s,%s' % (tag_a, tag_b))} == {
            second}
        assert {r['Name'] for r in cloud.cli_json(
            'project', 'list', '--tags-any', tag_b)} == {second}
        listed = {r['Name'] for r in cloud.cli_json(
            'project', 'list', '--not-tags-any', tag_b)}
        assert first in listed and second not in listed
        cloud.cli('project', 'set', '--clear-tags', second)
        assert cloud.cli_json('project', 'show', second)['tags'] == []
    finally:
        cloud.cli('project', 'delete', first, check=False)
        cloud.cli('project', 'delete', second, check=False)


def test_credentials(cloud):
    user = _name('fu')
    access = uuid.uuid4().hex
    cloud.cli('project', 'create', user)
    try:
        cloud.cli('user', 'create', '--password', DEMO_PASSWORD,
                  '--project', user, user)
        cert = cloud.cli_json('credential', 'create', '--type', 'cert',
                              user, 'certificate-data')
        assert cert['type'] == 'cert' and cert['blob'] == 'certificate-data'
        blob = json.dumps({'access': access, 'secret': 's'})
        ec2 = cloud.cli_json('credential', 'create', '--type', 'ec2',
                             '--project', user, user, blob)
        assert ec2['id'] == hashlib.sha256(access.encode()).hexdigest()
        listed = cloud.cli_json('credential', 'list', '--user', user)
        assert _ids(listed) == {cert['id'], ec2['id']}
        assert _ids(cloud.cli_json('credential', 'list', '--user', user,
                                   '--type', 'ec2')) == {ec2['id']}
        shown = cloud.cli_json('credential', 'show', cert['id'])
        assert shown['blob'] == 'certificate-data'
        cloud.cli('credential', 'set', '--user', user, '--type', 'cert',
                  '--data', 'renewed', cert['id'])
        assert cloud.cli_json('credential', 'show', cert['id'])[
            'blob'] == 'renewed'
        # The owner (no admin) sees their own.
        cloud.cli('role', 'add', '--project', user, '--user', user, 'member')
        own = cloud.cli_json('credential', 'list', user=user)
        assert _ids(own) == {cert['id'], ec2['id']}
        cloud.cli('credential', 'delete', cert['id'])
        assert cloud.cli('credential', 'show', cert['id'],
                         check=False).returncode != 0
        # Deleting the user removes the rest.
        cloud.cli('user', 'delete', user)
        assert cloud.cli('credential', 'show', ec2['id'],
                         check=False).returncode != 0
    finally:
        cloud.cli('user', 'delete', user, check=False)
        cloud.cli('project', 'delete', user, check=False)


def test_ec2_credentials(cloud):
    user = _name('fu')
    cloud.cli('project', 'create', user)
    try:
        cloud.cli('user', 'create', '--password', DEMO_PASSWORD,
                  '--project', user, user)
        created = cloud.cli_json('ec2', 'credentials', 'create',
                                 '--user', user, '--project', user)
        access = created['access']
        assert created['secret']
        listed = cloud.cli_json('ec2', 'credentials', 'list', '--user', user)
        assert [r['Access'] for r in listed] == [access]
        shown = cloud.cli_json('ec2', 'credentials', 'show', '--user', user,
                               access)
        assert shown['secret'] == created['secret']
        # The same credential, seen through /v3/credentials.
        cred_id = hashlib.sha256(access.encode()).hexdigest()
        assert cloud.cli_json('credential', 'show', cred_id)['type'] == 'ec2'
        cloud.cli('ec2', 'credentials', 'delete', '--user', user, access)
        assert cloud.cli_json('ec2', 'credentials', 'list', '--user',
                              user) == []
    finally:
        cloud.cli('user', 'delete', user, check=False)
        cloud.cli('project', 'delete', user, check=False)
