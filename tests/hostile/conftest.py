"""The whole API in this process (as tests/unit builds it), with the
objects the corpus addresses by id."""
import json
import time

import pytest
import webob
from oslo_config import cfg

from support import db as support_db
from support.identity import ADMIN_PASSWORD, PUBLIC_URL, token_for

from stratus.common import log
from stratus.common import rpc
from stratus.common.conf import CONF

from . import harness


class InProcess:
    def __init__(self, app):
        self.app = app
        self.token = None

    def raw(self, case):
        """(status, content type, body bytes, seconds) of one case."""
        req = webob.Request.blank(case.path, method=case.method,
                                  headers=case.headers)
        if case.body is not None:
            req.body = case.body
        started = time.monotonic()
        try:
            resp = req.get_response(self.app)
            body = resp.body
        except Exception as exc:
            # Out of the app altogether: a server would answer 500.
            return 500, '', repr(exc).encode(), time.monotonic() - started
        return (resp.status_int, resp.content_type or '', body,
                time.monotonic() - started)

    def send(self, method, path, body=None, headers=None):
        headers = dict(headers or {'X-Auth-Token': self.token})
        req = webob.Request.blank(path, method=method, headers=headers)
        if body is not None:
            req.body = json.dumps(body).encode()
            req.content_type = 'application/json'
        resp = req.get_response(self.app)
        try:
            doc = resp.json
        except ValueError:
            doc = None
        return resp.status_int, doc

    def post(self, path, body, headers=None):
        """What support.identity.token_for drives."""
        req = webob.Request.blank(path, method='POST', headers=headers or {})
        req.body = json.dumps(body).encode()
        req.content_type = 'application/json'
        return req.get_response(self.app)


def build_inprocess(workdir):
    parsed_here = True
    try:
        log.register(CONF)
        CONF([], project='stratus', default_config_files=[])
    except cfg.ArgsAlreadyParsedError:
        parsed_here = False     # tests/unit configured it in this run
    CONF.set_override('password_hash_rounds', 4, 'identity')
    CONF.set_override('filesystem_store_datadir', str(workdir / 'images'),
                      'image')
    support_db.use_fresh_db(workdir)
    rpc.init(url='fake:/')
    # No daemon answers here: a call gives up at once instead of after a
    # minute (what a refusal looks like when no service runs).
    from oslo_messaging.rpc import client as rpc_client
    CONF.register_opts(rpc_client._client_opts)
    CONF.set_override('rpc_response_timeout', 1)
    from stratus.db.api import identity_bootstrap
    from stratus.db.api import tokens
    tokens.invalidate_cache()
    identity_bootstrap.bootstrap(ADMIN_PASSWORD, public_url=PUBLIC_URL)
    from stratus.api import app as app_module
    client = InProcess(app_module.build_app())
    client.token = token_for(client, 'admin', ADMIN_PASSWORD, 'admin')
    _status, doc = client.send('GET', '/identity/v3/auth/projects')
    project = [p for p in doc['projects'] if p['name'] == 'admin'][0]['id']
    client.ids = harness.make_objects(client.send, project)
    client.parsed_here = parsed_here
    return client


@pytest.fixture(scope='module')
def inprocess(tmp_path_factory):
    client = build_inprocess(tmp_path_factory.mktemp('hostile'))
    yield client
    rpc.cleanup()
    CONF.clear_override('rpc_response_timeout')
    if client.parsed_here:
        # Tests run after these in the same process register options
        # before they parse (tests/unit does).
        CONF.reset()
        CONF.clear()
