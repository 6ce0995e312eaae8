"""Identity fixtures: a bootstrapped database, an admin client and a
member ('demo' with role member on project 'demo')."""
import os
import sys

import pytest

# The test modules import idhelpers; make it importable the way
# tests/conftest.py does for `support`.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from idhelpers import ADMIN_PASSWORD, DEMO_PASSWORD, PUBLIC_URL, V3  # noqa
from idhelpers import token_for  # noqa
from stratus.db.api import identity_bootstrap  # noqa
from stratus.db.api import tokens  # noqa


@pytest.fixture
def boot(db):
    # The token cache is per process; every test starts on a new database.
    tokens.invalidate_cache()
    return identity_bootstrap.bootstrap(ADMIN_PASSWORD,
                                        public_url=PUBLIC_URL)


@pytest.fixture
def admin(client, boot):
    """The client, authenticated as admin on project admin."""
    client.token = token_for(client, 'admin', ADMIN_PASSWORD, 'admin')
    return client


@pytest.fixture
def demo(admin):
    """Ids of project demo and user demo (role member there) and a token."""
    project = admin.post(V3 + '/projects', {'project': {
        'name': 'demo'}}).json['project']
    user = admin.post(V3 + '/users', {'user': {
        'name': 'demo', 'password': DEMO_PASSWORD,
        'default_project_id': project['id']}}).json['user']
    role = admin.get(V3 + '/roles?name=member').json['roles'][0]
    resp = admin.put(V3 + '/projects/%s/users/%s/roles/%s' % (
        project['id'], user['id'], role['id']))
    assert resp.status_int == 204
    return {'project_id': project['id'], 'user_id': user['id'],
            'member_role_id': role['id'],
            'token': token_for(admin, 'demo', DEMO_PASSWORD, 'demo')}
