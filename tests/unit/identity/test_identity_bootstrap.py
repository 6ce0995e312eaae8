"""stratus-manage bootstrap: idempotent, updates a changed password."""
from support.identity import ADMIN_PASSWORD, PUBLIC_URL, V3
from support.identity import issue, password_auth
from stratus.db.api import assignments
from stratus.db.api import catalog
from stratus.db.api import identity
from stratus.db.api import identity_bootstrap
from stratus.db.api import role_assignment_list


def test_first_run_creates_everything(boot):
    text = '\n'.join(boot)
    for what in ('domain default', 'role reader', 'role member',
                 'role manager', 'role admin', 'project admin',
                 'user admin', 'region RegionOne'):
        assert 'Created %s' % what in text
    assert 'Granted role admin on project admin to user admin.' in text
    assert 'Granted role admin on the system to user admin.' in text
    assert {r['name'] for r in assignments.role_list()} == {
        'reader', 'member', 'manager', 'admin'}
    service = catalog.service_list(type='identity')[0]
    endpoint = catalog.endpoint_list(service_id=service['id'])[0]
    assert (endpoint['interface'], endpoint['region_id'],
            endpoint['url']) == ('public', 'RegionOne', PUBLIC_URL)


def test_second_run_changes_nothing(boot):
    again = identity_bootstrap.bootstrap(ADMIN_PASSWORD,
                                         public_url=PUBLIC_URL)
    assert not any(line.startswith(('Created', 'Granted', 'Reset',
                                    'Updated')) for line in again)
    assert len(identity.user_list()) == 1
    assert len(identity.project_list()) == 1
    assert len(assignments.role_list()) == 4
    # admin on project admin, and on the system (as keystone does).
    assert len(role_assignment_list.assignment_list()) == 2
    assert len(catalog.service_list()) == 1
    assert len(catalog.endpoint_list()) == 1


def test_changed_password_and_url_are_updated(boot, client):
    lines = identity_bootstrap.bootstrap('other-secret',
                                         public_url='http://new/identity')
    assert 'Reset password for user admin.' in lines
    assert any(line.startswith('Updated public endpoint') for line in lines)
    assert issue(client, password_auth('admin', ADMIN_PASSWORD,
                                       'admin')).status_int == 401
    resp = issue(client, password_auth('admin', 'other-secret', 'admin'))
    assert resp.status_int == 201
    urls = [e['url'] for s in resp.json['token']['catalog']
            for e in s['endpoints']]
    assert urls == ['http://new/identity']


def test_custom_names(db):
    lines = identity_bootstrap.bootstrap('pw', admin_username='root',
                                         project_name='ops',
                                         region_id='RegionX')
    assert 'Granted role admin on project ops to user root.' in lines
    assert catalog.region_get('RegionX')['id'] == 'RegionX'
    # No public URL: the identity service exists without an endpoint.
    assert catalog.endpoint_list() == []


def test_admin_token_after_bootstrap(admin):
    assert admin.get(V3 + '/projects').status_int == 200
