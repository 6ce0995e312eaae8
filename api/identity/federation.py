"""/v3/OS-FEDERATION: identity providers and their protocols, attribute
mappings and service providers (stored objects; keystone 30's routes,
bodies and messages), the deprecated projects/domains lists, the SAML2
metadata and federated authentication, which finds no assertion here.

Policies are keystone's defaults: admin writes; admin (or a system
reader, which stratus has not) reads."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity import federation_auth
from stratus.api.identity import federation_mapping_rules as mapping_rules
from stratus.api.identity.schemas import federation as schemas
from stratus.api.identity.views import federation as views
from stratus.api.identity.views import resources as resource_views
from stratus.api.identity.schemas import query_strings
from stratus.common import exception
from stratus.db.api import assignments
from stratus.db.api import federation as db

# keystone's [saml] relay_state_prefix default.
RELAY_STATE_PREFIX = 'ss:mem:'


def path_id(field, value):
    """Ids come from the path; keystone stores 64 characters."""
    if len(value) > 64:
        raise exception.ValidationError(
            "Invalid input for field '%s': %r is too long" % (field, value))
    return value


def _with_bools(values, *keys):
    for key in keys:
        if key in values:
            values[key] = schemas.to_bool(values[key])
    return values


class ProtocolsController(common.RestController):
    """/OS-FEDERATION/identity_providers/{idp_id}/protocols[/{id}[/auth]]"""
    _custom_actions = {'auth': ['GET', 'POST']}

    @pecan.expose()
    def get_all(self, idp_id, **kwargs):
        authz.admin_or_system_reader('list_protocols')
        rows = db.protocol_list(idp_id)
        return wsgi.response(common.collection(
            'protocols', [views.protocol_listed(r) for r in rows],
            '%s/protocols' % views.idp_path(idp_id)))

    @pecan.expose()
    def get_one(self, idp_id, protocol_id, **kwargs):
        authz.admin_or_system_reader('get_protocol')
        return wsgi.response({'protocol': views.protocol(
            db.protocol_get(idp_id, protocol_id))})

    @pecan.expose()
    def put(self, idp_id, protocol_id, **kwargs):
        body = common.body(schemas.protocol_create)['protocol']
        authz.admin('create_protocol')
        row = db.protocol_create(path_id('idp_id', idp_id),
                                 path_id('protocol_id', protocol_id), body)
        return common.created({'protocol': views.protocol(row)})

    @pecan.expose()
    def patch(self, idp_id, protocol_id, **kwargs):
        body = common.body(schemas.protocol_update)['protocol']
        authz.admin('update_protocol')
        return wsgi.response({'protocol': views.protocol(
            db.protocol_update(idp_id, protocol_id, body))})

    @pecan.expose()
    def delete(self, idp_id, protocol_id, **kwargs):
        authz.admin('delete_protocol')
        db.protocol_delete(idp_id, protocol_id)
        return common.no_content()

    @pecan.expose()
    def auth(self, idp_id, protocol_id=None, **kwargs):
        if protocol_id is None:
            # GET .../protocols/auth: a protocol named "auth".
            return self.get_one(idp_id, 'auth')
        return federation_auth.authenticate(idp_id, protocol_id)


class IdentityProvidersController(common.RestController):
    protocols = ProtocolsController()

    @pecan.expose()
    def get_all(self, **kwargs):
        common.query(query_strings.identity_providers, kwargs)
        authz.admin_or_system_reader('list_identity_providers')
        rows = db.idp_list(idp_id=wsgi.query_value(kwargs, 'id'),
                           enabled=common.bool_query(kwargs, 'enabled'))
        return wsgi.response(common.collection(
            'identity_providers', [views.idp(r) for r in rows],
            '%s/identity_providers' % views.PREFIX))

    @pecan.expose()
    def get_one(self, idp_id, **kwargs):
        authz.admin_or_system_reader('get_identity_provider')
        return wsgi.response({'identity_provider': views.idp(
            db.idp_get(idp_id))})

    @pecan.expose()
    def put(self, idp_id, **kwargs):
        authz.admin('create_identity_provider')
        # keystone reads a missing body as {}: an IdP with the defaults.
        body = common.body(schemas.idp_create).get(
            'identity_provider', {}) if pecan.request.body else {}
        values = _with_bools(dict(body), 'enabled')
        values.setdefault('enabled', False)
        row = db.idp_create(path_id('idp_id', idp_id), values)
        return common.created({'identity_provider': views.idp(row)})

    @pecan.expose()
    def patch(self, idp_id, **kwargs):
        body = common.body(schemas.idp_update)['identity_provider']
        authz.admin('update_identity_provider')
        values = _with_bools(dict(body), 'enabled')
        return wsgi.response({'identity_provider': views.idp(
            db.idp_update(idp_id, values))})

    @pecan.expose()
    def delete(self, idp_id, **kwargs):
        authz.admin('delete_identity_provider')
        db.idp_delete(idp_id)
        return common.no_content()


def _mapping_body():
    """keystone validates the rules itself (no body schema): a missing
    `mapping` is an empty one, refused for its missing rules."""
    doc = federation_auth.json_body()
    mapping = doc.get('mapping', {}) if isinstance(doc, dict) else doc
    return mapping_rules.validated(mapping)


class MappingsController(common.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        authz.admin_or_system_reader('list_mappings')
        return wsgi.response(common.collection(
            'mappings', [views.mapping(r) for r in db.mapping_list()],
            '%s/mappings' % views.PREFIX))

    @pecan.expose()
    def get_one(self, mapping_id, **kwargs):
        authz.admin_or_system_reader('get_mapping')
        return wsgi.response({'mapping': views.mapping(
            db.mapping_get(mapping_id))})

    @pecan.expose()
    def put(self, mapping_id, **kwargs):
        authz.admin('create_mapping')
        rules, version = _mapping_body()
        row = db.mapping_create(path_id('mapping_id', mapping_id), rules,
                                version)
        return common.created({'mapping': views.mapping(row)})

    @pecan.expose()
    def patch(self, mapping_id, **kwargs):
        authz.admin('update_mapping')
        rules, version = _mapping_body()
        return wsgi.response({'mapping': views.mapping(
            db.mapping_update(mapping_id, rules, version))})

    @pecan.expose()
    def delete(self, mapping_id, **kwargs):
        authz.admin('delete_mapping')
        db.mapping_delete(mapping_id)
        return common.no_content()


class ServiceProvidersController(common.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        common.query(query_strings.service_providers, kwargs)
        authz.admin_or_system_reader('list_service_providers')
        rows = db.sp_list(sp_id=wsgi.query_value(kwargs, 'id'),
                          enabled=common.bool_query(kwargs, 'enabled'))
        return wsgi.response(common.collection(
            'service_providers', [views.sp(r) for r in rows],
            '%s/service_providers' % views.PREFIX))

    @pecan.expose()
    def get_one(self, sp_id, **kwargs):
        authz.admin_or_system_reader('get_service_provider')
        return wsgi.response({'service_provider': views.sp(
            db.sp_get(sp_id))})

    @pecan.expose()
    def put(self, sp_id, **kwargs):
        body = common.body(schemas.sp_create)['service_provider']
        authz.admin('create_service_provider')
        values = _with_bools(dict(body), 'enabled')
        values.setdefault('enabled', False)
        if values.get('relay_state_prefix') is None:
            values['relay_state_prefix'] = RELAY_STATE_PREFIX
        row = db.sp_create(path_id('sp_id', sp_id), values)
        return common.created({'service_provider': views.sp(row)})

    @pecan.expose()
    def patch(self, sp_id, **kwargs):
        body = common.body(schemas.sp_update)['service_provider']
        authz.admin('update_service_provider')
        values = _with_bools(dict(body), 'enabled')
        if 'relay_state_prefix' in values and \
                values['relay_state_prefix'] is None:
            values['relay_state_prefix'] = RELAY_STATE_PREFIX
        return wsgi.response({'service_provider': views.sp(
            db.sp_update(sp_id, values))})

    @pecan.expose()
    def delete(self, sp_id, **kwargs):
        authz.admin('delete_service_provider')
        db.sp_delete(sp_id)
        return common.no_content()


class Saml2Controller:

    @pecan.expose()
    def metadata(self, **kwargs):
        common.require_method('GET', 'HEAD')
        return federation_auth.idp_metadata()


class FederationController:
    """/v3/OS-FEDERATION (mounted in root.py; the name has a dash)."""
    identity_providers = IdentityProvidersController()
    mappings = MappingsController()
    service_providers = ServiceProvidersController()
    saml2 = Saml2Controller()

    @pecan.expose()
    def projects(self, **kwargs):
        """Deprecated alias of GET /v3/auth/projects: the caller's
        projects, whatever its token."""
        common.require_method('GET', 'HEAD')
        ctxt = authz.authenticated()
        rows = assignments.user_projects(ctxt.user_id, enabled_only=True)
        return wsgi.response(common.collection(
            'projects', [resource_views.project(r) for r in rows],
            '%s/projects' % views.PREFIX))

    @pecan.expose()
    def domains(self, **kwargs):
        """Deprecated alias of GET /v3/auth/domains."""
        common.require_method('GET', 'HEAD')
        ctxt = authz.authenticated()
        rows = assignments.user_domains(ctxt.user_id, enabled_only=True)
        return wsgi.response(common.collection(
            'domains', [resource_views.domain(r) for r in rows],
            '%s/domains' % views.PREFIX))
