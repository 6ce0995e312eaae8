"""OS-FEDERATION: identity providers, protocols, mappings, service
providers (stored objects), the deprecated projects/domains lists and
federated authentication without an external IdP (keystone 30's facts:
api-ref samples for key sets, keystone's code for statuses/messages)."""
import pytest

from support.identity import V3, as_token
from support.identity import keystone_error as _error

FED = V3 + '/OS-FEDERATION'
IDP_KEYS = {'id', 'domain_id', 'enabled', 'description', 'remote_ids',
            'authorization_ttl', 'links'}
PROTOCOL_KEYS = {'id', 'mapping_id', 'links'}
LISTED_PROTOCOL_KEYS = PROTOCOL_KEYS | {'idp_id', 'remote_id_attribute'}
MAPPING_KEYS = {'id', 'rules', 'schema_version', 'links'}
SP_KEYS = {'id', 'enabled', 'description', 'auth_url', 'sp_url',
           'relay_state_prefix', 'links'}
LIST_LINKS = {'self', 'previous', 'next'}
RULES = [{'local': [{'user': {'name': '{0}'}}, {'group': {'id': '0cd5e9'}}],
          'remote': [{'type': 'UserName'},
                     {'type': 'orgPersonType',
                      'not_any_of': ['Contractor', 'Guest']}]}]
UNEXPECTED = ('An unexpected error prevented the server from fulfilling '
              'your request.')


def _patch(client, path, body, **kw):
    return client.request('PATCH', path, body, **kw)


def _mapping(admin, mapping_id='acme-map', rules=RULES):
    resp = admin.put(FED + '/mappings/' + mapping_id, {'mapping': {
        'rules': rules}})
    assert resp.status_int == 201, resp.text
    return resp.json['mapping']


def _idp(admin, idp_id='ACME', **values):
    resp = admin.put(FED + '/identity_providers/' + idp_id,
                     {'identity_provider': values})
    assert resp.status_int == 201, resp.text
    return resp.json['identity_provider']


def _protocol(admin, idp_id='ACME', protocol_id='saml2',
              mapping_id='acme-map', **values):
    resp = admin.put(FED + '/identity_providers/%s/protocols/%s' % (
        idp_id, protocol_id), {'protocol': dict(values,
                                                mapping_id=mapping_id)})
    assert resp.status_int == 201, resp.text
    return resp.json['protocol']


# --- identity providers ------------------------------------------------------

def test_idp_crud_shapes_and_auto_domain(admin):
    idp = _idp(admin, description='Stores ACME identities',
               remote_ids=['acme_id_1', 'acme_id_2'], enabled=True)
    assert set(idp) == IDP_KEYS
    assert idp['id'] == 'ACME' and idp['enabled'] is True
    assert idp['remote_ids'] == ['acme_id_1', 'acme_id_2']
    assert idp['authorization_ttl'] is None
    assert idp['links']['self'].endswith(
        '/identity/v3/OS-FEDERATION/identity_providers/ACME')
    assert idp['links']['protocols'] == idp['links']['self'] + '/protocols'
    # keystone creates a domain named after its id for an IdP without one.
    domain = admin.get(V3 + '/domains/' + idp['domain_id']).json['domain']
    assert domain['name'] == idp['domain_id'] and domain['enabled']
    assert domain['description'] == ('Auto generated federated domain for '
                                     'Identity Provider: ACME')
    shown = admin.get(FED + '/identity_providers/ACME')
    assert shown.status_int == 200
    assert shown.json == {'identity_provider': idp}
    listing = admin.get(FED + '/identity_providers').json
    assert set(listing) == {'identity_providers', 'links'}
    assert set(listing['links']) == LIST_LINKS
    assert listing['identity_providers'] == [idp]
    resp = _patch(admin, FED + '/identity_providers/ACME', {
        'identity_provider': {'enabled': False, 'authorization_ttl': 30,
                              'remote_ids': ['acme_id_3']}})
    assert resp.status_int == 200
    changed = resp.json['identity_provider']
    assert (changed['enabled'], changed['authorization_ttl'],
            changed['remote_ids']) == (False, 30, ['acme_id_3'])
    assert admin.delete(FED + '/identity_providers/ACME').status_int == 204
    _error(admin.get(FED + '/identity_providers/ACME'), 404,
           'Could not find Identity Provider: ACME.')
    # The domain stays, as in keystone.
    assert admin.get(V3 + '/domains/' + idp['domain_id']).status_int == 200


def test_idp_defaults_filters_and_given_domain(admin):
    idp = _idp(admin, 'bare')
    assert idp['enabled'] is False and idp['remote_ids'] == []
    assert idp['description'] is None
    resp = admin.put(FED + '/identity_providers/nobody')
    assert resp.status_int == 201
    assert resp.json['identity_provider']['enabled'] is False
    admin.delete(FED + '/identity_providers/nobody')
    _idp(admin, 'on', enabled=True, domain_id='default')
    assert admin.get(FED + '/identity_providers/on').json[
        'identity_provider']['domain_id'] == 'default'
    ids = [i['id'] for i in admin.get(
        FED + '/identity_providers?enabled=true').json['identity_providers']]
    assert ids == ['on']
    ids = [i['id'] for i in admin.get(
        FED + '/identity_providers?id=bare').json['identity_providers']]
    assert ids == ['bare']
    _error(admin.get(FED + '/identity_providers?enabled=maybe'), 400)
    for path in ('/identity_providers', '/identity_providers/bare',
                 '/identity_providers/bare/protocols'):
        head = admin.request('HEAD', FED + path)
        assert head.status_int == 200 and head.body == b''


def test_idp_conflicts_and_refusals(admin):
    _idp(admin, remote_ids=['shared'])
    _error(admin.put(FED + '/identity_providers/ACME', {
        'identity_provider': {}}), 409,
        'Conflict occurred attempting to store identity_provider - '
        'Duplicate entry: ACME.')
    _error(admin.put(FED + '/identity_providers/other', {
        'identity_provider': {'remote_ids': ['shared']}}), 409,
        'Conflict occurred attempting to store identity_provider - '
        'Duplicate remote ID: shared.')
    # The refused IdP's auto-created domain went away with it.
    names = [d['description'] for d in admin.get(
        V3 + '/domains').json['domains']]
    assert names.count('Auto generated federated domain for Identity '
                       'Provider: other') == 0
    _idp(admin, 'second')
    _error(_patch(admin, FED + '/identity_providers/second', {
        'identity_provider': {'remote_ids': ['shared']}}), 409,
        'Conflict occurred attempting to store identity_provider - '
        'Duplicate remote ID: shared.')
    _error(admin.put(FED + '/identity_providers/x', {
        'identity_provider': {'domain_id': 'nowhere'}}), 404,
        'Could not find domain: nowhere.')
    message = _error(admin.put(FED + '/identity_providers/x', {
        'identity_provider': {'bogus': 1}}), 400)
    assert message == (
        "Invalid input for field/attribute identity_provider. Value: "
        "{'bogus': 1}. Additional properties are not allowed ('bogus' was "
        "unexpected)")
    _error(admin.put(FED + '/identity_providers/x', {
        'identity_provider': {'authorization_ttl': -1}}), 400)
    _error(admin.put(FED + '/identity_providers/x', {
        'identity_provider': {'remote_ids': ['a', 'a']}}), 400)
    _error(_patch(admin, FED + '/identity_providers/second', {
        'identity_provider': {}}), 400)
    _error(_patch(admin, FED + '/identity_providers/second', {
        'identity_provider': {'domain_id': 'default'}}), 400)
    _error(_patch(admin, FED + '/identity_providers/nope', {
        'identity_provider': {'enabled': True}}), 404,
        'Could not find Identity Provider: nope.')
    _error(admin.delete(FED + '/identity_providers/nope'), 404)
    _error(admin.put(FED + '/identity_providers/' + 'x' * 65, {}), 400)


def test_deleting_the_domain_deletes_its_idps(admin):
    domain = admin.post(V3 + '/domains', {'domain': {
        'name': 'fed'}}).json['domain']
    _idp(admin, domain_id=domain['id'])
    _patch(admin, V3 + '/domains/' + domain['id'],
           {'domain': {'enabled': False}})
    assert admin.delete(V3 + '/domains/' + domain['id']).status_int == 204
    _error(admin.get(FED + '/identity_providers/ACME'), 404)


def test_federation_needs_admin(admin, demo):
    headers = as_token(demo['token'])
    for path in ('/identity_providers', '/mappings', '/service_providers',
                 '/identity_providers/ACME/protocols'):
        _error(admin.get(FED + path, headers=headers), 403)
    _error(admin.put(FED + '/identity_providers/ACME', {},
                     headers=headers), 403,
           'You are not authorized to perform the requested action: '
           'identity:create_identity_provider.')
    _error(admin.get(FED + '/mappings', headers={'X-Auth-Token': ''}), 401)


# --- protocols ---------------------------------------------------------------

def test_protocol_crud_shapes(admin):
    _mapping(admin)
    _mapping(admin, 'other-map')
    _idp(admin)
    protocol = _protocol(admin, remote_id_attribute='Shib-Identity-Provider')
    assert set(protocol) == PROTOCOL_KEYS
    assert protocol['mapping_id'] == 'acme-map'
    assert protocol['links']['self'].endswith(
        '/OS-FEDERATION/identity_providers/ACME/protocols/saml2')
    assert protocol['links']['identity_provider'].endswith(
        '/OS-FEDERATION/identity_providers/ACME')
    path = FED + '/identity_providers/ACME/protocols'
    shown = admin.get(path + '/saml2')
    assert shown.status_int == 200 and shown.json == {'protocol': protocol}
    listing = admin.get(path).json
    assert set(listing) == {'protocols', 'links'}
    assert [set(p) for p in listing['protocols']] == [LISTED_PROTOCOL_KEYS]
    assert listing['protocols'][0]['remote_id_attribute'] == \
        'Shib-Identity-Provider'
    resp = _patch(admin, path + '/saml2', {'protocol': {
        'mapping_id': 'other-map'}})
    assert resp.status_int == 200
    assert resp.json['protocol']['mapping_id'] == 'other-map'
    assert admin.delete(path + '/saml2').status_int == 204
    _error(admin.get(path + '/saml2'), 404,
           'Could not find federated protocol saml2 for Identity '
           'Provider: ACME.')
    # keystone lists nothing (no 404) for an unknown IdP.
    assert admin.get(FED + '/identity_providers/nope/protocols').json[
        'protocols'] == []


def test_protocol_refusals(admin):
    _mapping(admin)
    _idp(admin)
    path = FED + '/identity_providers/ACME/protocols/saml2'
    _error(admin.put(path, {'protocol': {'mapping_id': 'nope'}}), 400,
           'Invalid mapping id: nope')
    _error(admin.put(FED + '/identity_providers/nope/protocols/saml2',
                     {'protocol': {'mapping_id': 'acme-map'}}), 404,
           'Could not find Identity Provider: nope.')
    _error(admin.put(path, {'protocol': {}}), 400)
    _error(admin.put(path, {'protocol': {'mapping_id': 'acme-map',
                                         'extra': 1}}), 400)
    _protocol(admin)
    _error(admin.put(path, {'protocol': {'mapping_id': 'acme-map'}}), 409,
           'Conflict occurred attempting to store federation_protocol - '
           'Duplicate entry found with ID saml2.')
    _error(_patch(admin, path, {'protocol': {
        'remote_id_attribute': 'x'}}), 400)
    _error(_patch(admin, path, {'protocol': {
        'mapping_id': 'acme-map', 'remote_id_attribute': None}}), 400)
    _error(_patch(admin, path, {'protocol': {'mapping_id': 'nope'}}), 400,
           'Invalid mapping id: nope')
    _error(_patch(admin, path + 'x', {'protocol': {
        'mapping_id': 'acme-map'}}), 404)
    _error(admin.delete(path + 'x'), 404)


def test_deleting_an_idp_deletes_its_protocols(admin):
    _mapping(admin)
    _idp(admin)
    _protocol(admin)
    admin.delete(FED + '/identity_providers/ACME')
    _idp(admin)
    _error(admin.get(FED + '/identity_providers/ACME/protocols/saml2'), 404)


# --- mappings ----------------------------------------------------------------

def test_mapping_crud_shapes(admin):
    mapping = _mapping(admin)
    assert set(mapping) == MAPPING_KEYS
    assert mapping['rules'] == RULES and mapping['schema_version'] == '1.0'
    assert mapping['links']['self'].endswith(
        '/identity/v3/OS-FEDERATION/mappings/acme-map')
    assert admin.get(FED + '/mappings/acme-map').json == {
        'mapping': mapping}
    listing = admin.get(FED + '/mappings').json
    assert set(listing) == {'mappings', 'links'}
    assert listing['mappings'] == [mapping]
    rules = [dict(RULES[0], local=[{'user': {'name': '{0}'}}])]
    resp = _patch(admin, FED + '/mappings/acme-map', {'mapping': {
        'rules': rules, 'schema_version': '2.0'}})
    assert resp.status_int == 200
    assert resp.json['mapping']['rules'] == rules
    assert resp.json['mapping']['schema_version'] == '2.0'
    assert admin.delete(FED + '/mappings/acme-map').status_int == 204
    _error(admin.get(FED + '/mappings/acme-map'), 404,
           'Could not find mapping: acme-map.')


def test_mapping_rules_validated_as_keystone(admin):
    path = FED + '/mappings/m'
    _error(admin.put(path, {'mapping': {}}), 400,
           "'rules' is a required property\n")
    _error(admin.put(path, {}), 400, "'rules' is a required property\n")
    # jsonschema's own wording (keystone's too), one error a line.
    assert _error(admin.put(path, {'mapping': {'rules': []}}),
                  400).startswith('[] ')
    message = _error(admin.put(path, {'mapping': {'rules': [
        {'local': [{'user': {'name': 'x'}}]}]}}), 400)
    assert message == "'remote' is a required property\n"
    message = _error(admin.put(path, {'mapping': {'rules': [
        {'local': [{'bogus': {}}], 'remote': [{'type': 'a',
                                               'oops': 1}]}]}}), 400)
    assert len(message.strip().split('\n')) == 2
    # projects.domain arrives with schema version 2.0.
    rules = [{'local': [{'projects': [{'name': 'p', 'roles': [
        {'name': 'member'}], 'domain': {'name': 'Default'}}]}],
        'remote': [{'type': 'a'}]}]
    _error(admin.put(path, {'mapping': {'rules': rules}}), 400)
    assert admin.put(path, {'mapping': {
        'rules': rules, 'schema_version': '2.0'}}).status_int == 201
    _error(admin.put(path, {'mapping': {'rules': rules}}), 400)
    _error(admin.put(FED + '/mappings/n', {'mapping': {
        'rules': RULES, 'schema_version': '9.9'}}), 400)
    _error(admin.put(FED + '/mappings/n', {'mapping': 'x'}), 400)
    # The CLI sends a null schema_version: keystone's default fills it.
    resp = admin.put(FED + '/mappings/n', {'mapping': {
        'rules': RULES, 'schema_version': None}})
    assert resp.status_int == 201
    assert resp.json['mapping']['schema_version'] == '1.0'
    _mapping(admin, 'dup')
    _error(admin.put(FED + '/mappings/dup', {'mapping': {'rules': RULES}}),
           409, 'Conflict occurred attempting to store mapping - '
           'Duplicate entry.')
    _error(_patch(admin, FED + '/mappings/nope', {'mapping': {
        'rules': RULES}}), 404, 'Could not find mapping: nope.')


# --- service providers -------------------------------------------------------

SP_BODY = {'auth_url': 'https://example.com/identity/v3/OS-FEDERATION/'
                       'identity_providers/acme/protocols/saml2/auth',
           'sp_url': 'https://example.com/identity/Shibboleth.sso/SAML2/ECP'}


def test_sp_crud_shapes(admin):
    resp = admin.put(FED + '/service_providers/ACME', {
        'service_provider': dict(SP_BODY, description='Remote',
                                 enabled=True)})
    assert resp.status_int == 201, resp.text
    sp = resp.json['service_provider']
    assert set(sp) == SP_KEYS
    assert sp['relay_state_prefix'] == 'ss:mem:' and sp['enabled'] is True
    assert admin.get(FED + '/service_providers/ACME').json == {
        'service_provider': sp}
    listing = admin.get(FED + '/service_providers').json
    assert set(listing) == {'service_providers', 'links'}
    assert listing['service_providers'] == [sp]
    assert admin.get(FED + '/service_providers?enabled=false').json[
        'service_providers'] == []
    resp = _patch(admin, FED + '/service_providers/ACME', {
        'service_provider': {'relay_state_prefix': 'x:', 'enabled': 'no'}})
    assert resp.status_int == 200
    assert resp.json['service_provider']['relay_state_prefix'] == 'x:'
    assert resp.json['service_provider']['enabled'] is False
    assert admin.delete(FED + '/service_providers/ACME').status_int == 204
    _error(admin.get(FED + '/service_providers/ACME'), 404,
           'Could not find Service Provider: ACME.')


def test_sp_refusals(admin):
    path = FED + '/service_providers/ACME'
    _error(admin.put(path, {'service_provider': {
        'sp_url': SP_BODY['sp_url']}}), 400,
        "Invalid input for field/attribute service_provider. Value: "
        "{'sp_url': 'https://example.com/identity/Shibboleth.sso/SAML2/ECP'}"
        ". 'auth_url' is a required property")
    _error(admin.put(path, {'service_provider': dict(
        SP_BODY, auth_url='not a url')}), 400)
    admin.put(path, {'service_provider': SP_BODY})
    _error(admin.put(path, {'service_provider': SP_BODY}), 409,
           'Conflict occurred attempting to store service_provider - '
           'Duplicate entry found with ID ACME.')
    _error(_patch(admin, path, {'service_provider': {}}), 400)
    _error(_patch(admin, FED + '/service_providers/nope', {
        'service_provider': {'enabled': True}}), 404)


# --- projects/domains, federated authentication ------------------------------

def test_deprecated_projects_and_domains_answer_like_auth(admin, demo):
    headers = as_token(demo['token'])
    for kind in ('projects', 'domains'):
        fed = admin.get(FED + '/' + kind, headers=headers)
        core = admin.get(V3 + '/auth/' + kind, headers=headers)
        assert fed.status_int == core.status_int == 200
        assert fed.json[kind] == core.json[kind]
        assert fed.json['links']['self'].endswith('/OS-FEDERATION/' + kind)
    _error(admin.get(FED + '/projects', headers={'X-Auth-Token': ''}), 401)


def test_federated_auth_without_an_assertion(admin, client):
    _mapping(admin)
    _idp(admin, enabled=True)
    _protocol(admin, protocol_id='mapped')
    _protocol(admin, protocol_id='saml2')
    anon = {'X-Auth-Token': ''}
    base = FED + '/identity_providers/ACME/protocols/'
    for method in ('GET', 'POST'):
        _error(admin.request(method, base + 'saml2/auth', headers=anon),
               401, 'Attempted to authenticate with an unsupported method.')
        _error(admin.request(method, base + 'mapped/auth', headers=anon),
               401, 'Could not map any federated user properties to '
               'identity values. Check debug logs or the mapping used for '
               'additional details.')
    _error(admin.get(base + 'password/auth', headers=anon), 400,
           'Expecting to find user in password. The server could not '
           'comply with the request since it is either malformed or '
           'otherwise incorrect. The client is assumed to be in error.')
    _error(admin.get(FED + '/identity_providers/nope/protocols/mapped/auth',
                     headers=anon), 404,
           'Could not find Identity Provider: nope.')
    _error(admin.get(FED + '/identity_providers/ACME/protocols/auth'), 404,
           'Could not find federated protocol auth for Identity Provider: '
           'ACME.')
    _patch(admin, FED + '/identity_providers/ACME',
           {'identity_provider': {'remote_ids': ['acme'], 'enabled': True}})
    _patch(admin, base + 'mapped', {'protocol': {
        'mapping_id': 'acme-map', 'remote_id_attribute': 'Shib-IdP'}})
    _error(admin.get(base + 'mapped/auth', headers=anon), 401,
           'Could not find Identity Provider identifier in environment')
    _patch(admin, FED + '/identity_providers/ACME',
           {'identity_provider': {'enabled': False}})
    _error(admin.post(base + 'mapped/auth', headers=anon), 403,
           'Identity Provider ACME is disabled')
    _idp(admin, 'other', enabled=True)
    _error(admin.get(FED + '/identity_providers/other/protocols/mapped/'
                     'auth', headers=anon), 404,
           'Could not find federated protocol mapped for Identity '
           'Provider: other.')


def test_websso_without_an_entity_id_or_trusted_dashboard(admin):
    anon = {'X-Auth-Token': ''}
    _error(admin.get(V3 + '/auth/OS-FEDERATION/websso/saml2',
                     headers=anon), 401,
           'Missing entity ID from environment')
    idp_sso = V3 + '/auth/OS-FEDERATION/identity_providers/ACME/' \
        'protocols/saml2/websso'
    _error(admin.get(idp_sso, headers=anon), 400,
           'Request must have an origin query parameter')
    _error(admin.post(idp_sso + '?origin=https%3A%2F%2Fdash.example.com',
                      headers=anon), 401,
           'https://dash.example.com is not a trusted dashboard host')
    _error(admin.get(V3 + '/auth/OS-FEDERATION/nothing', headers=anon), 404)


@pytest.mark.parametrize('path', ['saml2', 'saml2/ecp'])
def test_saml2_assertions_without_signing(admin, demo, path):
    url = V3 + '/auth/OS-FEDERATION/' + path
    resp = admin.get(url)
    _error(resp, 405)
    assert resp.headers['Allow'] == 'POST'

    def body(token, sp='ACME'):
        return {'auth': {'identity': {'methods': ['token'],
                                      'token': {'id': token}},
                         'scope': {'service_provider': {'id': sp}}}}
    _error(admin.post(url, {}), 400)
    _error(admin.post(url, {'auth': {'identity': {}}}), 400)
    _error(admin.post(url, body(demo['token'])), 404,
           'Could not find Service Provider: ACME.')
    admin.put(FED + '/service_providers/ACME',
              {'service_provider': SP_BODY})
    _error(admin.post(url, body(demo['token'])), 403,
           'Service Provider ACME is disabled')
    _patch(admin, FED + '/service_providers/ACME',
           {'service_provider': {'enabled': True}})
    _error(admin.post(url, body('bogus')), 404)
    unscoped = admin.post(V3 + '/auth/tokens', {'auth': {'identity': {
        'methods': ['token'], 'token': {'id': demo['token']}},
        'scope': 'unscoped'}}, headers={'X-Auth-Token': ''})
    assert unscoped.status_int == 201, unscoped.text
    _error(admin.post(url, body(unscoped.headers['X-Subject-Token'])), 403,
           'You are not authorized to perform the requested action: Use a '
           'project scoped token when attempting to create a SAML '
           'assertion.')
    _error(admin.post(url, body(demo['token'])), 500, UNEXPECTED)


def test_saml2_metadata_is_not_configured(admin):
    _error(admin.get(FED + '/saml2/metadata',
                     headers={'X-Auth-Token': ''}), 500, UNEXPECTED)


def test_token_request_with_the_mapped_method(admin, demo):
    _mapping(admin)
    _idp(admin, enabled=True)
    _protocol(admin, protocol_id='mapped')

    def issue(payload):
        return admin.post(V3 + '/auth/tokens', {'auth': {'identity': {
            'methods': ['mapped'], 'mapped': payload}}},
            headers={'X-Auth-Token': ''})
    _error(issue({'identity_provider': 'ACME', 'protocol': 'mapped'}), 401,
           'Could not map any federated user properties to identity '
           'values. Check debug logs or the mapping used for additional '
           'details.')
    _error(issue({'protocol': 'mapped'}), 400,
           'Expecting to find identity_provider in mapped. The server could '
           'not comply with the request since it is either malformed or '
           'otherwise incorrect. The client is assumed to be in error.')
    _error(issue({'identity_provider': 'nope', 'protocol': 'mapped'}), 404,
           'Could not find Identity Provider: nope.')
    # Rescoping needs a federated token; stratus issues none.
    _error(issue({'id': demo['token']}), 404,
           'Could not find Identity Provider: None.')
    _error(issue({'id': 'bogus'}), 401)


def test_tokens_list_the_enabled_service_providers(admin, demo):
    def token_body():
        resp = admin.get(V3 + '/auth/tokens',
                         headers={'X-Subject-Token': demo['token']})
        assert resp.status_int == 200
        return resp.json['token']
    assert 'service_providers' not in token_body()
    admin.put(FED + '/service_providers/off', {'service_provider': SP_BODY})
    admin.put(FED + '/service_providers/on', {'service_provider': dict(
        SP_BODY, enabled=True)})
    assert token_body()['service_providers'] == [dict(
        auth_url=SP_BODY['auth_url'], sp_url=SP_BODY['sp_url'], id='on')]
    unscoped = admin.post(V3 + '/auth/tokens', {'auth': {'identity': {
        'methods': ['token'], 'token': {'id': demo['token']}},
        'scope': 'unscoped'}}, headers={'X-Auth-Token': ''})
    assert [sp['id'] for sp in unscoped.json['token'][
        'service_providers']] == ['on']
