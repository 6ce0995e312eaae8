"""Domain configuration API (keystone 30: api-ref v3/domains-config-v3.inc;
the allowed and sensitive options of keystone's DomainConfigManager)."""
from support.identity import V3, as_token
from support.identity import keystone_error as _error

CONFIG = {'identity': {'driver': 'ldap'},
          'ldap': {'url': 'ldap://myldap.com:389/',
                   'user_tree_dn': 'ou=Users,dc=root,dc=org',
                   'password': 'secret'}}
SHOWN = {'identity': {'driver': 'ldap'},
         'ldap': {'url': 'ldap://myldap.com:389/',
                  'user_tree_dn': 'ou=Users,dc=root,dc=org'}}


def _domain(admin, name='cfg'):
    return admin.post(V3 + '/domains', {'domain': {
        'name': name}}).json['domain']['id']


def test_put_get_patch_delete(admin):
    did = _domain(admin)
    url = V3 + '/domains/%s/config' % did
    resp = admin.put(url, {'config': CONFIG})
    assert resp.status_int == 201 and resp.json == {'config': SHOWN}
    # A second PUT replaces the whole configuration: 200.
    resp = admin.put(url, {'config': CONFIG})
    assert resp.status_int == 200 and resp.json == {'config': SHOWN}
    assert admin.get(url).json == {'config': SHOWN}
    assert admin.get(url + '/ldap').json == {'config': {
        'ldap': SHOWN['ldap']}}
    assert admin.get(url + '/ldap/url').json == {'config': {
        'url': 'ldap://myldap.com:389/'}}
    head = admin.request('HEAD', url + '/ldap/url')
    assert head.status_int == 200 and head.body == b''
    # Sensitive options are stored, never shown.
    _error(admin.get(url + '/ldap/password'), 404,
           'Could not find option password in group ldap in domain '
           'configuration for domain %s.' % did)
    resp = admin.request('PATCH', url + '/ldap', {'config': {'ldap': {
        'url': 'ldap://other'}}})
    assert resp.status_int == 200
    assert resp.json['config']['ldap']['url'] == 'ldap://other'
    assert resp.json['config']['identity'] == {'driver': 'ldap'}
    resp = admin.request('PATCH', url + '/ldap/user_tree_dn', {
        'config': {'user_tree_dn': 'ou=x'}})
    assert resp.json['config']['ldap']['user_tree_dn'] == 'ou=x'
    resp = admin.request('PATCH', url, {'config': {'identity': {
        'list_limit': 5}}})
    assert resp.json['config']['identity'] == {'driver': 'ldap',
                                               'list_limit': 5}
    assert admin.delete(url + '/ldap/url').status_int == 204
    _error(admin.get(url + '/ldap/url'), 404,
           'Could not find option url in group ldap in domain '
           'configuration for domain %s.' % did)
    assert admin.delete(url + '/ldap').status_int == 204
    _error(admin.get(url + '/ldap'), 404, 'Could not find group ldap in '
           'domain configuration for domain %s.' % did)
    assert admin.delete(url).status_int == 204
    _error(admin.get(url), 404, 'Could not find any options in domain '
           'configuration for domain %s.' % did)


def test_refusals(admin, demo):
    did = _domain(admin)
    url = V3 + '/domains/%s/config' % did
    _error(admin.put(url, {'config': {}}), 403,
           'Invalid domain specific configuration: No options specified.')
    _error(admin.put(url, {}), 403)
    _error(admin.put(url, {'config': {'nova': {'x': 1}}}), 403,
           'Invalid domain specific configuration: Group nova is not '
           'supported for domain specific configurations.')
    _error(admin.put(url, {'config': {'ldap': {'bogus': 1}}}), 403,
           'Invalid domain specific configuration: Option bogus in group '
           'ldap is not supported for domain specific configurations.')
    _error(admin.put(url, {'config': {'ldap': 'x'}}), 403,
           'Invalid domain specific configuration: The value of group ldap '
           'specified in the config should be a dictionary of options.')
    _error(admin.put(url, {'config': 'x'}), 400)
    _error(admin.put(V3 + '/domains/nosuch/config', {'config': CONFIG}),
           404, 'Could not find domain: nosuch.')
    _error(admin.get(V3 + '/domains/nosuch/config'), 404,
           'Could not find any options in domain configuration for domain '
           'nosuch.')
    _error(admin.request('PATCH', url + '/ldap', {'config': {'ldap': {
        'url': 'x'}}}), 404, 'Could not find group ldap in domain '
           'configuration for domain %s.' % did)
    admin.put(url, {'config': CONFIG})
    _error(admin.request('PATCH', url + '/ldap', {'config': {
        'identity': {'driver': 'sql'}}}), 403,
           'Invalid domain specific configuration: request to update group '
           'ldap, but config provided contains group identity instead.')
    _error(admin.request('PATCH', url + '/ldap/url', {'config': {
        'url': 'a', 'user': 'b'}}), 403,
           'Invalid domain specific configuration: Trying to update option '
           'url in group ldap, so that, and only that, option must be '
           'specified  in the config.')
    _error(admin.delete(url + '/ldap/user'), 404)
    _error(admin.get(url, headers=as_token(demo['token'])), 403,
           'You are not authorized to perform the requested action: '
           'identity:get_domain_config.')
    _error(admin.put(url, {'config': CONFIG},
                     headers=as_token(demo['token'])), 403,
           'You are not authorized to perform the requested action: '
           'identity:create_domain_config.')
    assert admin.post(url, {'config': CONFIG}).status_int == 405
    assert admin.put(url + '/ldap', {'config': CONFIG}).status_int == 405


def test_defaults_and_security_compliance(admin, demo):
    defaults = admin.get(V3 + '/domains/config/default')
    assert defaults.status_int == 200
    assert set(defaults.json['config']) == {'identity', 'ldap'}
    assert defaults.json['config']['identity'] == {'driver': 'sql',
                                                   'list_limit': None}
    assert 'password' not in defaults.json['config']['ldap']
    assert admin.get(V3 + '/domains/config/ldap/default').json == {
        'config': {'ldap': defaults.json['config']['ldap']}}
    assert admin.get(V3 + '/domains/config/ldap/url/default').json == {
        'config': {'url': 'ldap://localhost'}}
    _error(admin.get(V3 + '/domains/config/ldap/password/default'), 403,
           'Invalid domain specific configuration: Reading the default for '
           'option password in group ldap is not supported.')
    _error(admin.get(V3 + '/domains/config/nova/default'), 403)
    _error(admin.get(V3 + '/domains/config/default',
                     headers=as_token(demo['token'])), 403,
           'You are not authorized to perform the requested action: '
           'identity:get_domain_config_default.')
    member = as_token(demo['token'])
    sc = admin.get(V3 + '/domains/default/config/security_compliance',
                   headers=member)
    assert sc.status_int == 200
    assert sc.json == {'config': {'security_compliance': {
        'password_regex': None, 'password_regex_description': None}}}
    one = admin.get(V3 + '/domains/default/config/security_compliance/'
                    'password_regex', headers=member)
    assert one.json == {'config': {'password_regex': None}}
    _error(admin.get(V3 + '/domains/default/config/security_compliance/'
                     'lockout_duration', headers=member), 403)
    did = _domain(admin)
    _error(admin.get(V3 + '/domains/%s/config/security_compliance' % did),
           403, 'Invalid domain specific configuration: Reading security '
           'compliance information for any domain other than the default '
           # keystone's reason ends with a period, and so does its format.
           'domain is not allowed or supported..')
