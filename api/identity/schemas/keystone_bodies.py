"""What keystone 30's request body schemas refuse, for the catalog,
resource and identity APIs, checked before stratus's own (stricter)
schemas: a body keystone refuses gets keystone's first error; one keystone
takes but stratus cannot (a loose boolean, a missing member) gets
stratus's, in the same wording.

Only the constraining keywords are kept, in keystone's property order
(the first failing property is the one reported).
"""
from stratus.api.identity.schemas import query_strings

_boolean = query_strings.boolean
_strict_bool = {'type': 'boolean'}
_opt_bool = {'type': ['boolean', 'null'], 'enum': [True, False, None]}
_string = {'type': 'string'}
_nullable_string = {'type': ['string', 'null']}
_name_255 = {'type': 'string', 'minLength': 1, 'maxLength': 255,
             'pattern': r'[\S]+'}
_name_64 = dict(_name_255, maxLength=64)
_id_64 = {'type': 'string', 'minLength': 1, 'maxLength': 64,
          'pattern': r'^[a-zA-Z0-9-]+$'}
_nullable_id_64 = dict(_id_64, type=['string', 'null'])
_region_id = {'type': ['string', 'null'], 'minLength': 1, 'maxLength': 255}
_url = {'type': 'string', 'minLength': 0, 'maxLength': 225,
        'pattern': '^[a-zA-Z0-9+.-]+:.+'}
_text = {'type': ['string', 'null']}
_text_255 = dict(_text, maxLength=255)
_tags = {'type': 'array', 'items': {
    'type': 'string', 'minLength': 1, 'maxLength': 255,
    'pattern': '^[^,/]*$'}, 'required': [], 'maxItems': 80,
    'uniqueItems': True}


def _options(*names):
    return {'type': 'object', 'properties': dict.fromkeys(names, _opt_bool),
            'additionalProperties': False}


def _member(key, properties, top=('required', 'closed'), **inner):
    """{key: {...}} with keystone's inner keywords (in order) and its
    top-level ones (`required` member, closed body)."""
    doc = {'type': 'object',
           'properties': {key: dict({'type': 'object',
                                     'properties': properties}, **inner)}}
    if 'required' in top:
        doc['required'] = [key]
    if 'closed' in top:
        doc['additionalProperties'] = False
    return doc


# --- catalog -------------------------------------------------------------
_service = {'enabled': _strict_bool,
            'type': {'type': 'string', 'minLength': 1, 'maxLength': 255},
            'name': {'type': 'string', 'minLength': 1, 'maxLength': 255}}
service_create = _member('service', _service, top=(),
                         additionalProperties=True, required=['type'])
service_update = _member('service', _service, top=('required',),
                         additionalProperties=True, minProperties=1)

_endpoint = {'enabled': _strict_bool,
             'interface': {'type': 'string',
                           'enum': ['admin', 'internal', 'public']},
             'region_id': _nullable_string, 'region': _nullable_string,
             'service_id': _string, 'url': _url, 'name': _string,
             'description': _text}
endpoint_create = _member(
    'endpoint', dict({'id': _string}, **_endpoint), top=('closed',),
    required=['interface', 'service_id', 'url'], additionalProperties=True)
endpoint_update = _member('endpoint', _endpoint, additionalProperties=True,
                          minProperties=1)

# keystone misspells additionalProperties on the region create body, so
# its top level stays open.
region_create = _member('region', {
    'description': _text_255, 'id': dict(_region_id, minLength=0),
    'parent_region_id': _region_id},
    top=('required',), additionalProperties=True)
region_update = _member('region', {
    'description': _text_255, 'id': _region_id,
    'parent_region_id': _region_id},
    minProperties=1, additionalProperties=True)

# --- resource ------------------------------------------------------------
domain_create = _member('domain', {
    'explicit_domain_id': _id_64, 'description': _text_255,
    'enabled': _boolean, 'name': _name_64,
    'options': _options('immutable'), 'tags': _tags}, required=['name'])
domain_update = _member('domain', {
    'description': _text_255, 'enabled': _boolean, 'name': _name_64,
    'options': _options('immutable'), 'tags': _tags}, minProperties=1)

project_create = _member('project', {
    'description': _text, 'domain_id': _nullable_id_64, 'enabled': _boolean,
    'is_domain': _boolean, 'parent_id': _nullable_id_64, 'name': _name_64,
    'tags': _tags, 'options': _options('immutable')},
    top=('closed',), required=['name'])
project_update = _member('project', {
    'description': _text, 'enabled': _boolean, 'name': _name_64,
    'options': _options('immutable'), 'tags': _tags}, top=('closed',))

# --- identity ------------------------------------------------------------
_federated = {'type': 'array', 'items': {
    'type': 'object',
    'properties': {'idp_id': _string, 'protocols': {
        'type': 'array', 'items': {
            'type': 'object',
            'properties': {'protocol_id': _string, 'unique_id': _string},
            'required': ['protocol_id', 'unique_id']},
        'minItems': 1}},
    'required': ['idp_id', 'protocols']}}
_user_options = dict(_options(
    'ignore_change_password_upon_first_use', 'ignore_password_expiry',
    'ignore_lockout_failure_attempts', 'lock_password',
    'ignore_user_inactivity'))
_user_options['properties'] = dict(
    _user_options['properties'],
    multi_factor_auth_rules={
        'type': ['array', 'null'],
        'items': {'type': 'array', 'items': _string, 'minItems': 1,
                  'uniqueItems': True},
        'uniqueItems': True},
    multi_factor_auth_enabled=_opt_bool)
_user_tail = {'federated': _federated, 'name': _name_255,
              'password': _nullable_string, 'options': _user_options}
user_create = _member('user', dict(
    {'domain_id': _id_64, 'default_project_id': _nullable_string,
     'description': _text, 'enabled': _boolean}, **_user_tail),
    required=['name'], additionalProperties=True)
user_update = _member('user', dict(
    {'default_project_id': _nullable_string, 'description': _text,
     'domain_id': _id_64, 'enabled': _boolean}, **_user_tail),
    minProperties=1, additionalProperties=True)

group_create = _member('group', {'domain_id': _id_64,
                                 'description': _text, 'name': _name_255},
                       required=['name'], additionalProperties=True)
group_update = _member('group', {'description': _text,
                                 'name': _name_255}, minProperties=1,
                       additionalProperties=True)

_role = {'name': _name_255, 'description': _text,
         'domain_id': _nullable_id_64,
         'options': _options('immutable')}
role_create = _member('role', _role, required=['name'],
                      additionalProperties=True)
role_update = _member('role', _role, minProperties=1,
                      additionalProperties=True)


def in_order(schema, top=(), inner=()):
    """`schema` ({member: {...}}) with its keywords in keystone's order:
    the first failing keyword is the one reported."""
    def arranged(doc, order):
        keys = ['type', 'properties'] + [k for k in order if k in doc]
        keys += [k for k in doc if k not in keys]
        return {k: doc[k] for k in keys if k in doc}
    (member, body), = schema['properties'].items()
    schema = dict(schema, properties={member: arranged(body, inner)})
    return arranged(schema, top)


def first(keystone_schema, stratus_schema):
    """keystone's refusals first, then stratus's own."""
    return {'allOf': [keystone_schema, stratus_schema]}
