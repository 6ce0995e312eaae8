"""Body of POST /os-keypairs (2.1)."""

# 2.1 names: letters, digits, '-', '_' and space (nova's keypair_name_20);
# '@' and '.' came with 2.92.
name = {'type': 'string', 'minLength': 1, 'maxLength': 255,
        'pattern': r'^[a-zA-Z0-9 _-]+$'}

create = {
    'type': 'object',
    'properties': {
        'keypair': {
            'type': 'object',
            'properties': {
                'name': name,
                'public_key': {'type': 'string'},
            },
            'required': ['name'],
            'additionalProperties': False,
        },
    },
    'required': ['keypair'],
    'additionalProperties': False,
}
