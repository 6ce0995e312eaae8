"""Body of POST /v3/users/{user_id}/application_credentials (keystone's
create schema: no unknown keys; roles by id or by name, one of them)."""
from stratus.api.identity.schemas import keystone_bodies as kb
from stratus.api.identity.schemas import resources

_id_string = {'type': 'string', 'minLength': 1, 'maxLength': 64,
              'pattern': r'^[a-zA-Z0-9-]+$'}

_access_rule = {
    'type': 'object',
    'properties': {
        'id': _id_string,
        'path': {'type': 'string', 'minLength': 0, 'maxLength': 225,
                 'pattern': r'^/'},
        'service': _id_string,
        'method': {'type': 'string',
                   'enum': ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT']},
    },
}

_role = {
    'type': 'object',
    'properties': {'id': _id_string, 'name': resources.name_255},
    'minProperties': 1,
    'maxProperties': 1,
    'additionalProperties': False,
}

application_credential_create = {
    'type': 'object',
    'properties': {
        'application_credential': {
            'type': 'object',
            'properties': {
                'id': {'type': 'string'},
                'name': resources.name_255,
                'secret': {'type': ['string', 'null']},
                'description': {'type': ['string', 'null']},
                'expires_at': {'type': ['string', 'null']},
                'project_id': {'type': 'string'},
                'roles': {'type': 'array', 'items': _role},
                'access_rules': {'type': 'array', 'items': _access_rule},
                'unrestricted': {'type': ['boolean', 'null']},
                'system': {'type': ['string', 'null']},
            },
            'required': ['name'],
            'additionalProperties': False,
        },
    },
    'required': ['application_credential'],
    'additionalProperties': False,
}

# keystone's keyword order (the first failing one is reported).
application_credential_create = kb.in_order(
    application_credential_create, ('required', 'additionalProperties'),
    ('additionalProperties', 'required'))
