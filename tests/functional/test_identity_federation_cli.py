"""The unchanged `openstack` CLI on OS-FEDERATION objects: identity
providers, mappings, federation protocols and service providers; raw
REST for federated authentication, which finds no external IdP here."""
import json
import uuid

import requests

RULES = [{'local': [{'user': {'name': '{0}'}}],
          'remote': [{'type': 'REMOTE_USER'}]}]


def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


def _rules_file(folder, rules):
    path = folder / ('%s.json' % uuid.uuid4().hex)
    path.write_text(json.dumps(rules))
    return str(path)


def _gone(cloud, *args):
    return cloud.cli(*args, check=False).returncode != 0


def test_identity_provider_lifecycle(cloud):
    idp = _name('idp')
    remote = 'https://%s.example.com/idp' % idp
    created = cloud.cli_json('identity', 'provider', 'create',
                             '--remote-id', remote, '--description',
                             'functional', '--enable',
                             '--authorization-ttl', '60', idp)
    try:
        assert created['id'] == idp and created['enabled'] is True
        assert created['remote_ids'] == [remote]
        # The IdP got a domain of its own.
        domain = cloud.cli_json('domain', 'show', created['domain_id'])
        assert domain['description'].endswith(': ' + idp)
        listed = cloud.cli_json('identity', 'provider', 'list')
        assert idp in [i['ID'] for i in listed]
        cloud.cli('identity', 'provider', 'set', '--description', 'changed',
                  '--disable', idp)
        shown = cloud.cli_json('identity', 'provider', 'show', idp)
        assert shown['description'] == 'changed'
        assert shown['enabled'] is False
        # A remote id names one IdP only.
        other = _name('idp')
        result = cloud.cli('identity', 'provider', 'create', '--remote-id',
                           remote, other, check=False)
        assert result.returncode != 0
        assert 'Duplicate remote ID' in result.stderr
    finally:
        cloud.cli('identity', 'provider', 'delete', idp)
        cloud.cli('domain', 'set', '--disable', created['domain_id'])
        cloud.cli('domain', 'delete', created['domain_id'])
    assert _gone(cloud, 'identity', 'provider', 'show', idp)


def test_mapping_and_protocol_lifecycle(cloud, tmp_path):
    mapping, other, idp = _name('map'), _name('map'), _name('idp')
    rules = _rules_file(tmp_path, RULES)
    try:
        created = cloud.cli_json('mapping', 'create', '--rules', rules,
                                 mapping)
        assert created['id'] == mapping and created['rules'] == RULES
        cloud.cli('mapping', 'create', '--rules', rules,
                  '--schema-version', '2.0', other)
        assert mapping in [m['ID'] for m in cloud.cli_json('mapping',
                                                           'list')]
        changed = [dict(RULES[0], remote=[{'type': 'OIDC-sub'}])]
        cloud.cli('mapping', 'set', '--rules',
                  _rules_file(tmp_path, changed), mapping)
        assert cloud.cli_json('mapping', 'show', mapping)['rules'] == \
            changed
        bad = cloud.cli('mapping', 'create', '--rules',
                        _rules_file(tmp_path, [{'local': []}]),
                        _name('map'), check=False)
        assert bad.returncode != 0
        assert "'remote' is a required property" in bad.stderr

        domain = cloud.cli_json('domain', 'create', _name('fdom'))
        cloud.cli('identity', 'provider', 'create', '--domain',
                  domain['id'], '--enable', idp)
        protocol = cloud.cli_json('federation', 'protocol', 'create',
                                  '--identity-provider', idp, '--mapping',
                                  mapping, 'mapped')
        assert protocol['id'] == 'mapped'
        assert protocol['mapping'] == mapping
        listed = cloud.cli_json('federation', 'protocol', 'list',
                                '--identity-provider', idp)
        assert [p['id'] for p in listed] == ['mapped']
        # The CLI's `set` (a Command) returns the protocol it printed,
        # which cliff takes for a failing exit status, whatever the server.
        cloud.cli('federation', 'protocol', 'set', '--identity-provider',
                  idp, '--mapping', other, 'mapped', check=False)
        shown = cloud.cli_json('federation', 'protocol', 'show',
                               '--identity-provider', idp, 'mapped')
        assert shown['mapping'] == other
        # No assertion reaches stratus: keystone's 401s.
        url = '%s/identity/v3/OS-FEDERATION/identity_providers/%s/' \
            'protocols/' % (cloud.url, idp)
        resp = requests.post(url + 'mapped/auth')
        assert resp.status_code == 401
        assert resp.json()['error']['message'].startswith(
            'Could not map any federated user properties')
        resp = requests.get(url + 'saml2/auth')
        assert resp.status_code == 401
        cloud.cli('federation', 'protocol', 'delete', '--identity-provider',
                  idp, 'mapped')
        assert _gone(cloud, 'federation', 'protocol', 'show',
                     '--identity-provider', idp, 'mapped')
    finally:
        cloud.cli('identity', 'provider', 'delete', idp, check=False)
        for name in (mapping, other):
            cloud.cli('mapping', 'delete', name, check=False)
        if 'domain' in locals():
            cloud.cli('domain', 'set', '--disable', domain['id'])
            cloud.cli('domain', 'delete', domain['id'])
    assert _gone(cloud, 'mapping', 'show', mapping)


def test_service_provider_lifecycle(cloud):
    sp = _name('sp')
    auth_url = 'https://sp.example.com/identity/v3/OS-FEDERATION/' \
        'identity_providers/acme/protocols/saml2/auth'
    sp_url = 'https://sp.example.com/Shibboleth.sso/SAML2/ECP'
    try:
        created = cloud.cli_json('service', 'provider', 'create',
                                 '--auth-url', auth_url,
                                 '--service-provider-url', sp_url,
                                 '--description', 'functional', '--enable',
                                 sp)
        assert created['auth_url'] == auth_url
        assert created['sp_url'] == sp_url
        assert created['relay_state_prefix'] == 'ss:mem:'
        assert sp in [s['ID'] for s in cloud.cli_json('service', 'provider',
                                                      'list')]
        cloud.cli('service', 'provider', 'set', '--disable',
                  '--description', 'changed', sp)
        shown = cloud.cli_json('service', 'provider', 'show', sp)
        assert (shown['enabled'], shown['description']) == (False,
                                                            'changed')
        # SAML2 assertions for a disabled service provider: keystone's 403.
        resp = requests.post(
            cloud.url + '/identity/v3/auth/OS-FEDERATION/saml2',
            json={'auth': {'identity': {'methods': ['token'], 'token': {
                'id': cloud.token()}}, 'scope': {
                'service_provider': {'id': sp}}}})
        assert resp.status_code == 403
        assert resp.json()['error']['message'] == \
            'Service Provider %s is disabled' % sp
    finally:
        cloud.cli('service', 'provider', 'delete', sp, check=False)
    assert _gone(cloud, 'service', 'provider', 'show', sp)
