"""Request validation as keystone 30 words and orders it.

keystone's newer validator (its request_body_schema / request_query_schema
decorators) names the last path element and echoes the value, query
strings included; its older lazy_validate joins the path with '/' and adds
jsonschema's explanation. The decorators run before policy, so a bad body
or query is a 400 even for a caller policy would refuse.
"""
import pytest

from support.identity import V3, as_token

EXPECTING = ('Expecting to find %s in %s. The server could not comply with '
             'the request since it is either malformed or otherwise '
             'incorrect. The client is assumed to be in error.')
BOOLEAN_WORDS = ("[True, 'True', 'TRUE', 'true', False, 'False', 'FALSE', "
                 "'false', '', '1', '0', 'y', 'Y', 'n', 'N', 'on', 'ON', "
                 "'off', 'OFF', 'yes', 'no']")


def _refused(resp, message, code=400):
    assert resp.status_int == code, resp.text
    assert resp.json == {'error': {
        'code': code, 'title': 'Bad Request', 'message': message}}


# --- bodies, newer validator -------------------------------------------

@pytest.mark.parametrize('path,body,message', [
    ('/domains', {'domain': {'name': ' '}},
     # jsonschema quotes the pattern's repr: its backslash doubled.
     "Invalid input for field/attribute name. Value:  . ' ' does not match "
     "'[\\\\S]+'"),
    ('/domains', {'domain': {'name': 'd', 'description': 'x' * 256}},
     "Invalid input for field/attribute description. Value: %s. '%s' is "
     "too long" % ('x' * 256, 'x' * 256)),
    ('/projects', {'zzz': 1},
     "Additional properties are not allowed ('zzz' was unexpected)"),
    ('/projects', {'project': {'name': 'p', 'enabled': None}},
     'Invalid input for field/attribute enabled. Value: None. None is not '
     'one of ' + BOOLEAN_WORDS),
    ('/users', {'user': {'name': 'u', 'enabled': 0}},
     "Invalid input for field/attribute enabled. Value: 0. 0 is not of type "
     "'boolean', 'string', 'null'"),
    ('/groups', {'group': {}},
     "Invalid input for field/attribute group. Value: {}. 'name' is a "
     "required property"),
    ('/roles', {'role': {'name': 'r', 'domain_id': 'a/b'}},
     "Invalid input for field/attribute domain_id. Value: a/b. 'a/b' does "
     "not match '^[a-zA-Z0-9-]+$'"),
    ('/services', {'service': {'name': 'n'}},
     "Invalid input for field/attribute service. Value: {'name': 'n'}. "
     "'type' is a required property"),
    ('/endpoints', {'endpoint': {}},
     "Invalid input for field/attribute endpoint. Value: {}. 'interface' is "
     "a required property"),
    ('/regions', {'region': {'id': 7}},
     "Invalid input for field/attribute id. Value: 7. 7 is not of type "
     "'string', 'null'"),
    ('/credentials', {'credential': {'blob': 'b', 'type': 'ec2',
                                     'user_id': 'u'}},
     "Invalid input for field/attribute credential. Value: {'blob': 'b', "
     "'type': 'ec2', 'user_id': 'u'}. 'project_id' is a required property"),
    ('/OS-TRUST/trusts', {'trust': {'trustor_user_id': 'a',
                                    'trustee_user_id': 'b',
                                    'impersonation': False,
                                    'expires_at': 0}},
     "Invalid input for field/attribute expires_at. Value: 0. 0 is not of "
     "type 'null', 'string'"),
    ('/OS-EP-FILTER/endpoint_groups', {'endpoint_group': {'x': 1}},
     "Invalid input for field/attribute endpoint_group. Value: {'x': 1}. "
     "'name' is a required property"),
])
def test_bodies_in_the_newer_wording(admin, path, body, message):
    _refused(admin.post(V3 + path, body), message)


def test_update_bodies_in_keystone_keyword_order(admin):
    # keystone reports the missing member before the unknown key here...
    _refused(admin.put(V3 + '/OS-FEDERATION/service_providers/sp', {
        'zzz': 1}), "'service_provider' is a required property")
    # ...and the unknown key first there.
    _refused(admin.request('PATCH', V3 + '/limits/x', {'zzz': 1}),
             "Additional properties are not allowed ('zzz' was unexpected)")


# --- query strings (the decorator words them as bodies) ----------------

@pytest.mark.parametrize('query,message', [
    ('/regions?foo=1',
     "Additional properties are not allowed ('foo' was unexpected)"),
    ('/OS-EP-FILTER/endpoint_groups?name=g&x=1',
     "Additional properties are not allowed ('x' was unexpected)"),
    ('/users?enabled=maybe',
     "Invalid input for field/attribute enabled. Value: maybe. 'maybe' is "
     "not one of " + BOOLEAN_WORDS),
    ('/endpoints?interface=sideways',
     "Invalid input for field/attribute interface. Value: sideways. "
     "'sideways' is not one of ['admin', 'internal', 'public']"),
    ('/projects?domain_id=a/b',
     "Invalid input for field/attribute domain_id. Value: a/b. 'a/b' does "
     "not match '^[a-zA-Z0-9-]+$'"),
    ('/groups?sort_dir=up',
     "Invalid input for field/attribute sort_dir. Value: up. 'up' is not "
     "one of ['asc', 'desc']"),
    # A repeated parameter: keystone checks its first value.
    ('/domains?enabled=maybe&enabled=true',
     "Invalid input for field/attribute enabled. Value: maybe. 'maybe' is "
     "not one of " + BOOLEAN_WORDS),
])
def test_query_strings(admin, query, message):
    _refused(admin.get(V3 + query), message)


def test_unknown_filters_pass_where_keystone_lets_them(admin):
    assert admin.get(V3 + '/users?name__icontains=adm').status_int == 200
    assert admin.get(V3 + '/domains?whatever=1').status_int == 200


# --- order: validation before policy and authentication -----------------

def test_validation_comes_before_policy(admin, demo):
    demo_headers = as_token(demo['token'])
    _refused(admin.post(V3 + '/domains', {'domain': {}},
                        headers=demo_headers),
             "Invalid input for field/attribute domain. Value: {}. 'name' is "
             "a required property")
    _refused(admin.get(V3 + '/regions?foo=1', headers={'X-Auth-Token': ''}),
             "Additional properties are not allowed ('foo' was unexpected)")
    # A valid body reaches policy.
    assert admin.post(V3 + '/domains', {'domain': {'name': 'd'}},
                      headers=demo_headers).status_int == 403


# --- keystone's JSON body hook ------------------------------------------

def test_json_body_hook(admin):
    _refused(admin.post(V3 + '/domains', raw=b'nope'),
             EXPECTING % ('valid JSON', 'request body'))
    _refused(admin.post(V3 + '/domains', raw=b'[1]'),
             EXPECTING % ('valid JSON', 'request body'))
    resp = admin.request('POST', V3 + '/domains', headers={
        'Content-Type': 'text/plain'}, raw=b'{}')
    assert resp.status_int == 400
    # An empty body is no body: the schema sees {}.
    _refused(admin.post(V3 + '/domains', raw=b''),
             "'domain' is a required property")


def test_content_type_must_be_json(admin):
    import webob
    req = webob.Request.blank(V3 + '/domains', method='POST', headers={
        'X-Auth-Token': admin.token, 'Accept': 'application/json'})
    req.body = b'{"domain": {"name": "d"}}'
    req.content_type = 'text/plain'
    resp = req.get_response(admin.app)
    _refused(resp, EXPECTING % ('application/json', 'Content-Type header'))


# --- the older validator (lazy_validate) --------------------------------

def test_password_change(admin, demo):
    _refused(admin.post(V3 + '/users/%s/password' % demo['user_id'], {
        'user': {'password': 'x'}}),
        "'original_password' is a required property\n\n"
        "Failed validating 'required' in schema:\n"
        "    {'type': 'object',\n"
        "     'properties': {'original_password': {'type': 'string'},\n"
        "                    'password': {'type': 'string'}},\n"
        "     'required': ['original_password', 'password'],\n"
        "     'additionalProperties': False}\n\n"
        "On instance:\n    {'password': 'x'}")


def test_project_tags(admin, demo):
    path = V3 + '/projects/%s/tags' % demo['project_id']
    # The body by the newer validator, then the list by the older one.
    _refused(admin.put(path, {'tags': 'x'}),
             "Invalid input for field/attribute tags. Value: x. 'x' is not "
             "of type 'array'")
    _refused(admin.put(path, {}),
             "{} is not of type 'array'\n\n"
             "Failed validating 'type' in schema:\n"
             "    {'type': 'array',\n"
             "     'items': {'type': 'string',\n"
             "               'minLength': 1,\n"
             "               'maxLength': 255,\n"
             "               'pattern': '^[^,/]*$'},\n"
             "     'required': [],\n"
             "     'maxItems': 80,\n"
             "     'uniqueItems': True}\n\n"
             "On instance:\n    {}")
    _refused(admin.put(path + '/a,b'),
             "'a,b' does not match '^[^,/]*$'\n\n"
             "Failed validating 'pattern' in schema:\n"
             "    {'type': 'string',\n"
             "     'minLength': 1,\n"
             "     'maxLength': 255,\n"
             "     'pattern': '^[^,/]*$'}\n\n"
             "On instance:\n    'a,b'")


def test_saml_assertion_without_auth(admin):
    message = admin.post(V3 + '/auth/OS-FEDERATION/saml2', {}).json[
        'error']['message']
    assert message.startswith("None is not of type 'object'\n\n"
                              "Failed validating 'type' in schema:\n")
    assert message.endswith("\n\nOn instance:\n    None")
