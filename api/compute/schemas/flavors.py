"""Flavor request bodies and query strings, per microversion."""
import copy

from stratus.api import validation
from stratus.api.compute import query

# nova's sort keys; those without a column of their own sort by one that
# orders the same way (db/api/flavors.py).
SORT_KEYS = ['created_at', 'description', 'disabled', 'ephemeral_gb',
             'flavorid', 'id', 'is_public', 'memory_mb', 'name', 'root_gb',
             'rxtx_factor', 'swap', 'updated_at', 'vcpu_weight', 'vcpus']

# nova's boolean: JSON booleans or the strings bool_from_string accepts.
BOOLEAN = {'type': ['boolean', 'string'],
           'enum': [True, False] + query.BOOLEAN['enum']}

_positive = {'type': ['integer', 'string'], 'pattern': '^[0-9]*$',
             'minimum': 1, 'maximum': 2147483647, 'minLength': 1}
_non_negative = {'type': ['integer', 'string'], 'pattern': '^[0-9]*$',
                 'minimum': 0, 'maximum': 2147483647, 'minLength': 1}

create = {
    'type': 'object',
    'properties': {
        'flavor': {
            'type': 'object',
            'properties': {
                'name': {'type': 'string', 'minLength': 1, 'maxLength': 255,
                         'pattern': r'^(?! )[^\x00-\x1f]*(?<! )$'},
                'id': {'type': ['string', 'number', 'null'],
                       'minLength': 1,
                       'maxLength': 255,
                       'pattern': r'^(?! )[a-zA-Z0-9. _-]+(?<! )$'},
                'ram': _positive,
                'vcpus': _positive,
                'disk': _non_negative,
                'OS-FLV-EXT-DATA:ephemeral': _non_negative,
                'swap': _non_negative,
                'rxtx_factor': {'type': ['number', 'string'],
                                'pattern': r'^[0-9]+(\.[0-9]+)?$',
                                'minimum': 0, 'exclusiveMinimum': True,
                                'maximum': 3.40282e+38},
                'os-flavor-access:is_public': BOOLEAN,
            },
            'required': ['name', 'ram', 'vcpus', 'disk'],
            'additionalProperties': False,
        },
    },
    'required': ['flavor'],
    'additionalProperties': False,
}

# 2.55: a description of up to 64 KiB of printable characters.
_description = {'type': ['string', 'null'], 'minLength': 0,
                'maxLength': 65535, 'pattern': r'^[^\x00-\x1f\x7f-\x9f]*$'}

_create_255 = copy.deepcopy(create)
_create_255['properties']['flavor']['properties']['description'] = \
    _description
# 2.102: rxtx_factor is gone.
_create_2102 = copy.deepcopy(_create_255)
del _create_2102['properties']['flavor']['properties']['rxtx_factor']
CREATE = [((2, 1), (2, 54), create), ((2, 55), (2, 101), _create_255),
          ((2, 102), None, _create_2102)]

# PUT /flavors/{id} (2.55): only the description can change.
update = {
    'type': 'object',
    'properties': {'flavor': {
        'type': 'object',
        'properties': {'description': _description},
        'required': ['description'],
        'additionalProperties': False}},
    'required': ['flavor'],
    'additionalProperties': False,
}


def create_schema(version):
    return validation.for_version(version, CREATE)


def list_query(version):
    """GET /flavors and /flavors/detail; unknown parameters 400 from 2.75;
    2.102 adds the name filter and drops the rxtx_factor sort key."""
    properties = {
        'limit': query.multi(query.NON_NEGATIVE_INT),
        'marker': query.multi({'type': 'string'}),
        'is_public': query.multi({'type': 'string'}),
        'minRam': query.multi({'type': 'string'}),
        'minDisk': query.multi({'type': 'string'}),
        'sort_key': query.multi({'type': 'string', 'enum': SORT_KEYS}),
        'sort_dir': query.multi({'type': 'string',
                                 'enum': ['asc', 'desc']}),
    }
    if version >= (2, 102):
        properties['name'] = query.multi({'type': 'string'})
        properties['sort_key'] = query.multi({'type': 'string', 'enum': [
            key for key in SORT_KEYS if key != 'rxtx_factor']})
    return query.schema(properties, strict=version >= (2, 75))


_spec_key = {'type': 'string', 'minLength': 1, 'maxLength': 255,
             'pattern': r'^[a-zA-Z0-9-_:. ]{1,255}$'}
_spec_value = {'type': ['string', 'number', 'boolean'], 'minLength': 1,
               'maxLength': 255}

extra_specs_create = {
    'type': 'object',
    'properties': {'extra_specs': {
        'type': 'object',
        'patternProperties': {r'^[a-zA-Z0-9-_:. ]{1,255}$': _spec_value},
        'additionalProperties': False}},
    'required': ['extra_specs'],
    'additionalProperties': False,
}

extra_spec_update = {
    'type': 'object',
    'patternProperties': {r'^[a-zA-Z0-9-_:. ]{1,255}$': _spec_value},
    'additionalProperties': False,
    'minProperties': 1, 'maxProperties': 1,
}

_tenant = {'type': 'object',
           'properties': {'tenant': {'type': 'string', 'minLength': 1,
                                     'maxLength': 255}},
           'required': ['tenant'], 'additionalProperties': False}

access_action = {
    'type': 'object',
    'properties': {'addTenantAccess': _tenant,
                   'removeTenantAccess': _tenant},
    'minProperties': 1, 'maxProperties': 1,
    'additionalProperties': False,
}
