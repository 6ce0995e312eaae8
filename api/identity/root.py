"""The /identity surface (Keystone v3 subset): version documents and the
v3 API. Authentication is optional at this layer; handlers decide."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import credentials
from stratus.api.identity import domains
from stratus.api.identity import endpoints
from stratus.api.identity import ep_filter
from stratus.api.identity import federation
from stratus.api.identity import federation_auth
from stratus.api.identity import groups
from stratus.api.identity import implied_roles
from stratus.api.identity import limits
from stratus.api.identity import oauth1
from stratus.api.identity import oauth1_access_tokens
from stratus.api.identity import oauth2
from stratus.api.identity import os_inherit
from stratus.api.identity import os_revoke
from stratus.api.identity import policies
from stratus.api.identity import projects
from stratus.api.identity import regions
from stratus.api.identity import registered_limits
from stratus.api.identity import retired
from stratus.api.identity import role_assignments
from stratus.api.identity import roles
from stratus.api.identity import services
from stratus.api.identity import system_roles
from stratus.api.identity import tokens
from stratus.api.identity import trusts
from stratus.api.identity import users
from stratus.api.middleware import auth
from stratus.api.middleware import faults
from stratus.api.middleware import layer

VERSION_ID = 'v3.14'
UPDATED = '2020-04-07T00:00:00Z'


def version_entry(base):
    return {'id': VERSION_ID, 'status': 'stable', 'updated': UPDATED,
            'links': [{'rel': 'self', 'href': '%s/identity/v3/' % base}],
            'media-types': [{'base': 'application/json',
                             'type': 'application/'
                                     'vnd.openstack.identity-v3+json'}]}


class V3Root:
    auth = tokens.AuthController()
    projects = projects.ProjectsController()
    users = users.UsersController()
    domains = domains.DomainsController()
    roles = roles.RolesController()
    role_assignments = role_assignments.RoleAssignmentsController()
    groups = groups.GroupsController()
    role_inferences = implied_roles.RoleInferencesController()
    services = services.ServicesController()
    endpoints = endpoints.EndpointsController()
    regions = regions.RegionsController()
    system = system_roles.SystemController()
    policies = policies.PoliciesController()
    registered_limits = registered_limits.RegisteredLimitsController()
    limits = limits.LimitsController()
    credentials = credentials.CredentialsController()

    @pecan.expose()
    def index(self):
        return wsgi.response({'version': version_entry(wsgi.host_url())})


pecan.route(V3Root, ep_filter.PREFIX, ep_filter.EndpointFilterRoot())
pecan.route(endpoints.EndpointsController, policies.EXTENSION,
            policies.EndpointExtensionController())
pecan.route(V3Root, 'OS-TRUST', trusts.TrustRoot())
pecan.route(V3Root, 'OS-REVOKE', os_revoke.RevokeRoot())
pecan.route(V3Root, 'OS-SIMPLE-CERT', retired.SimpleCertRoot())
pecan.route(tokens.TokensController, 'OS-PKI', retired.PkiRoot())
pecan.route(V3Root, 'OS-FEDERATION', federation.FederationController())
pecan.route(tokens.AuthController, 'OS-FEDERATION',
            federation_auth.AuthFederationController())
pecan.route(V3Root, 'OS-INHERIT', os_inherit.OSInheritController())
pecan.route(V3Root, 'OS-OAUTH1', oauth1.OAuth1Root())
pecan.route(users.UsersController, 'OS-OAUTH1',
            oauth1_access_tokens.UserOAuth1Controller())
pecan.route(V3Root, 'OS-OAUTH2', oauth2.OAuth2Root())


class IdentitySurface(layer.Layer):
    def __init__(self):
        api = wsgi.make_pecan_app(V3Root())
        api = auth.AuthMiddleware(api, is_public=lambda req: True,
                                  style='keystone')
        self.v3 = faults.FaultMiddleware(api, style='keystone')

    def process(self, req):
        path = req.path_info.rstrip('/')
        if path == '':
            return wsgi.response(
                {'versions': {'values': [version_entry(wsgi.host_url(req))]}},
                status=300)
        if path == '/v3' or req.path_info.startswith('/v3/'):
            req.path_info_pop()
            resp = layer.forward(req, self.v3)
            if resp.status_int == 401:
                # Keystone names itself on every 401, as the auth layer of
                # the other surfaces does.
                resp.headers.setdefault(
                    'WWW-Authenticate', 'Keystone uri="%s"'
                    % auth.identity_uri(req))
            if req.method == 'HEAD':
                # Handlers answer HEAD like GET (pecan would turn an empty
                # 200 into a 204); the body goes here, errors' included.
                resp.body = b''
            return resp
        return faults.fault_response('keystone', 404, 'The resource could '
                                     'not be found.')
