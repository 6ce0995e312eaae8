"""In-process fixtures: config defaults, a fresh DB, the WSGI app."""
import json

import pytest
import webob

from support.identity import ADMIN_PASSWORD, DEMO_PASSWORD, PUBLIC_URL, V3
from support.identity import token_for

from stratus.common import log
from stratus.common.conf import CONF


@pytest.fixture(scope='session', autouse=True)
def _config():
    log.register(CONF)
    CONF([], project='stratus', default_config_files=[])
    CONF.set_override('password_hash_rounds', 4, 'identity')
    yield


@pytest.fixture
def db(tmp_path):
    from support import db as support_db
    path = support_db.use_fresh_db(tmp_path)
    yield path
    from stratus.db import session
    session.reset()


class Client:
    """Drives the WSGI app in-process, the way an HTTP client would."""

    def __init__(self, app):
        self.app = app
        self.token = None

    def request(self, method, path, body=None, headers=None, raw=None):
        headers = dict(headers or {})
        if self.token and 'X-Auth-Token' not in headers:
            headers['X-Auth-Token'] = self.token
        headers.setdefault('Accept', 'application/json')
        req = webob.Request.blank(path, method=method, headers=headers)
        if raw is not None:
            req.body = raw
            req.content_type = 'application/json'
        elif body is not None:
            req.body = json.dumps(body).encode()
            req.content_type = 'application/json'
        return req.get_response(self.app)

    def get(self, path, **kw):
        return self.request('GET', path, **kw)

    def post(self, path, body=None, **kw):
        return self.request('POST', path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.request('PUT', path, body, **kw)

    def delete(self, path, **kw):
        return self.request('DELETE', path, **kw)


@pytest.fixture
def app(db):
    from stratus.api import app as app_module
    return app_module.build_app()


@pytest.fixture
def client(app):
    return Client(app)


@pytest.fixture
def boot(db):
    from stratus.db.api import identity_bootstrap
    from stratus.db.api import tokens
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
