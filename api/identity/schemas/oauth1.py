"""Bodies of OS-OAUTH1 (keystone's oauth1 schema): consumers take any
extra keys; an update may not carry a secret; authorizing names each role
by exactly one of id or name."""

_description = {'type': ['string', 'null']}

consumer_create = {
    'type': 'object',
    'properties': {'description': _description},
    'additionalProperties': True,
}

consumer_update = {
    'type': 'object',
    'properties': {'description': _description},
    'not': {'required': ['secret']},
    'minProperties': 1,
    'additionalProperties': True,
}

request_token_authorize = {
    'type': 'array',
    'items': {
        'type': 'object',
        'properties': {
            'id': {'type': 'string', 'minLength': 1, 'maxLength': 64,
                   'pattern': r'^[a-zA-Z0-9-]+$'},
            'name': {'type': 'string', 'minLength': 1, 'maxLength': 255,
                     'pattern': r'[\S]+'},
        },
        'minProperties': 1,
        'maxProperties': 1,
        'additionalProperties': False,
    },
}
