"""X-Auth-Token -> RequestContext (what keystonemiddleware does upstream).

Public paths (version documents, token issue) pass without a token; any
other request without a valid token gets a 401 carrying the identity URL.
"""

from stratus.api.middleware import access_rules
from stratus.api.middleware import faults
from stratus.api.middleware import layer
from stratus.api.middleware import request_id
from stratus.common import context
from stratus.common import exception
from stratus.db.api import tokens


def identity_uri(req):
    return '%s/identity' % req.host_url


def context_from_token(req, token_id):
    info = tokens.validate(token_id)
    cred = info.get('application_credential')
    if cred and not access_rules.allowed(req, cred['access_rules']):
        raise exception.NotAuthenticated()
    return context.RequestContext(
        auth_token=token_id,
        user_id=info['user_id'], user_name=info['user_name'],
        user_domain_id=info['user_domain_id'],
        user_domain_name=info['user_domain_name'],
        project_id=info['project_id'], project_name=info['project_name'],
        project_domain_id=info['project_domain_id'],
        project_domain_name=info['project_domain_name'],
        domain_id=info['domain_id'], domain_name=info['domain_name'],
        roles=info['roles'], system_scope=info['system_scope'],
        request_id=req.environ[request_id.ENV_REQUEST_ID],
        global_request_id=req.environ[request_id.ENV_GLOBAL_REQUEST_ID])


class AuthMiddleware(layer.Layer):
    """`is_public(req)` tells which requests need no token."""

    def __init__(self, application, is_public, style):
        self.application = application
        self.is_public = is_public
        self.style = style

    def process(self, req):
        token_id = req.headers.get('X-Auth-Token')
        public = self.is_public(req)
        if token_id:
            try:
                req.environ[request_id.ENV_CONTEXT] = context_from_token(
                    req, token_id)
            except exception.NotAuthenticated:
                if not public:
                    return self._reject(req)
        elif not public:
            return self._reject(req)
        return layer.forward(req, self.application)

    def _reject(self, req):
        return faults.fault_response(
            self.style, 401, exception.NotAuthenticated.msg_fmt,
            {'WWW-Authenticate': 'Keystone uri="%s"' % identity_uri(req)})
