"""Body of POST /flavors (2.1)."""

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
                'id': {'type': ['string', 'null'], 'minLength': 1,
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
                'os-flavor-access:is_public': {'type': 'boolean'},
            },
            'required': ['name', 'ram', 'vcpus', 'disk'],
            'additionalProperties': False,
        },
    },
    'required': ['flavor'],
    'additionalProperties': False,
}

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
