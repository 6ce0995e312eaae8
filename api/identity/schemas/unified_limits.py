"""Bodies of the registered limit and limit APIs (keystone 30's
limit/schema.py facts: unknown attributes are refused here)."""
from stratus.api.identity.schemas import keystone_bodies as kb


# A limit is a signed 32-bit integer; -1 means unlimited.
_limit_value = {'type': 'integer', 'minimum': -1, 'maximum': 0x7FFFFFFF}
_name = {'type': 'string', 'minLength': 1, 'maxLength': 255,
         'pattern': r'[\S]+'}
_region_id = {'type': ['string', 'null'], 'minLength': 1, 'maxLength': 255}
_uuid = {'type': 'string', 'format': 'uuid'}
_description = {'type': ['string', 'null'], 'maxLength': 255}
_owner_id = {'type': ['string', 'null'], 'minLength': 1, 'maxLength': 64,
             'pattern': r'^[a-zA-Z0-9-]+$'}


def _list_of(key, item):
    return {'type': 'object',
            'properties': {key: {'type': 'array', 'items': item,
                                 'minItems': 1}},
            'required': [key], 'additionalProperties': False}


def _one(key, properties):
    return {'type': 'object',
            'properties': {key: {'type': 'object', 'properties': properties,
                                 'additionalProperties': False}},
            'required': [key], 'additionalProperties': False}


_registered = {'service_id': _uuid, 'region_id': _region_id,
               'resource_name': _name, 'default_limit': _limit_value,
               'description': _description}
registered_limits_create = _list_of('registered_limits', {
    'type': 'object', 'properties': _registered,
    'required': ['service_id', 'resource_name', 'default_limit'],
    'additionalProperties': False})
registered_limit_update = _one('registered_limit', _registered)

_REQUIRED = ['service_id', 'resource_name', 'resource_limit']
limits_create = _list_of('limits', {
    'type': 'object',
    'properties': {'project_id': _owner_id, 'domain_id': _owner_id,
                   'service_id': _uuid, 'region_id': _region_id,
                   'resource_name': _name, 'resource_limit': _limit_value,
                   'description': _description},
    'required': _REQUIRED,
    # Exactly one owner: a project or a domain.
    'oneOf': [{'required': _REQUIRED + ['domain_id']},
              {'required': _REQUIRED + ['project_id']}],
    'additionalProperties': False})
limit_update = _one('limit', {'resource_limit': _limit_value,
                              'description': _description})

# Query filters (keystone checks them too: 400 for a malformed one).
_owner_filter = dict(_owner_id, type='string')
registered_limits_query = {'type': 'object', 'properties': {
    'service_id': _uuid, 'region_id': _region_id, 'resource_name': _name}}
limits_query = {'type': 'object', 'properties': dict(
    registered_limits_query['properties'], project_id=_owner_filter,
    domain_id=_owner_filter)}

# keystone's keyword order (the first failing one is reported).
registered_limit_update = kb.in_order(registered_limit_update,
                                      ('additionalProperties', 'required'))
limit_update = kb.in_order(limit_update, ('additionalProperties', 'required'))
