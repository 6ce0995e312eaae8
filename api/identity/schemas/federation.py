"""OS-FEDERATION request bodies, as keystone 30 validates them
(keystone/federation/schema.py): closed objects, keystone's loose
booleans, URL-ish service provider addresses."""
from stratus.api.identity.schemas import keystone_bodies as kb
from stratus.api.identity.schemas import query_strings

# keystone's parameter_types.boolean: JSON booleans and a set of strings
# (its type admits null, its enum does not); to_bool turns them into a
# stored boolean.
_TRUE_WORDS = ('True', 'TRUE', 'true', '1', 'y', 'Y', 'on', 'ON', 'yes')
boolean = query_strings.boolean


def to_bool(value):
    return value is True or value in _TRUE_WORDS


_url = {'type': 'string', 'minLength': 0, 'maxLength': 225,
        'pattern': '^[a-zA-Z0-9+.-]+:.+'}
_nullable_text = {'type': ['string', 'null']}
_remote_id = {'type': 'string', 'maxLength': 64}


def _body(key, properties, required=(), update=False, body_required=True):
    inner = {'type': 'object', 'properties': properties,
             'additionalProperties': False}
    if required:
        inner['required'] = list(required)
    if update:
        inner['minProperties'] = 1
    doc = {'type': 'object', 'properties': {key: inner},
           'additionalProperties': False}
    if body_required:
        doc['required'] = [key]
    return doc


_idp = {
    'enabled': boolean,
    'description': _nullable_text,
    'authorization_ttl': {'type': ['integer', 'null'], 'minimum': 0},
    'remote_ids': {'type': ['array', 'null'], 'items': _remote_id,
                   'uniqueItems': True},
}
# keystone requires no identity_provider key on create (PUT {} works).
idp_create = _body('identity_provider', dict(_idp, domain_id={
    'type': ['string', 'null'], 'minLength': 1, 'maxLength': 64,
    'pattern': r'^[a-zA-Z0-9-]+$'}), body_required=False)
idp_update = _body('identity_provider', _idp, update=True)
# keystone's update body is the one schema left open at the top.
idp_update.pop('additionalProperties')

_mapping_id = {'type': 'string', 'minLength': 1, 'maxLength': 64}
protocol_create = _body('protocol', {
    'mapping_id': _mapping_id,
    'remote_id_attribute': {'type': ['string', 'null'], 'maxLength': 64},
}, required=['mapping_id'])
# remote_id_attribute cannot be set back to null on update.
protocol_update = _body('protocol', {
    'mapping_id': _mapping_id, 'remote_id_attribute': _remote_id,
}, required=['mapping_id'], update=True)

_sp = {'auth_url': _url, 'sp_url': _url, 'description': _nullable_text,
       'enabled': boolean, 'relay_state_prefix': _nullable_text}
sp_create = _body('service_provider', _sp, required=['auth_url', 'sp_url'])
sp_update = _body('service_provider', _sp, update=True)

# POST /v3/auth/OS-FEDERATION/saml2 and saml2/ecp.
_id_ref = {'type': 'object', 'properties': {'id': {'type': 'string'}},
           'required': ['id'], 'additionalProperties': False}
saml_create = {
    'type': 'object',
    'properties': {'auth': {
        'type': 'object',
        'properties': {
            'identity': {
                'type': 'object',
                'properties': {'token': _id_ref,
                               'methods': {'type': 'array'}},
                'required': ['token'], 'additionalProperties': False},
            'scope': {
                'type': 'object',
                'properties': {'service_provider': _id_ref},
                'required': ['service_provider'],
                'additionalProperties': False},
        },
        'required': ['identity', 'scope'], 'additionalProperties': False,
    }},
    'required': ['auth'],
}

# keystone's keyword order (the first failing one is reported).
protocol_create = kb.in_order(protocol_create, ('required',),
                              ('additionalProperties', 'required'))
protocol_update = kb.in_order(
    protocol_update, ('required',),
    ('additionalProperties', 'minProperties', 'required'))
sp_create = kb.in_order(sp_create, ('required',),
                        ('required', 'additionalProperties'))
sp_update = kb.in_order(sp_update, ('required',),
                        ('additionalProperties', 'minProperties'))
