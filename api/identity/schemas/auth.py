"""Body of POST /v3/auth/tokens.

Like keystone, unknown keys are tolerated (clients add their own); the
method blocks and scopes are checked in the controller because their rules
depend on each other (name needs a domain, one scope at most).
"""

_id_or_name = {
    'type': 'object',
    'properties': {
        'id': {'type': 'string', 'minLength': 1, 'maxLength': 255},
        'name': {'type': 'string', 'minLength': 1, 'maxLength': 255},
    },
}

_password = {
    'type': 'object',
    'properties': {
        'user': {
            'type': 'object',
            'properties': {
                'id': {'type': 'string', 'minLength': 1, 'maxLength': 255},
                'name': {'type': 'string', 'minLength': 1, 'maxLength': 255},
                'password': {'type': 'string', 'maxLength': 4096},
                'domain': _id_or_name,
            },
            'required': ['password'],
        },
    },
    'required': ['user'],
}

_token = {
    'type': 'object',
    'properties': {'id': {'type': 'string', 'minLength': 1,
                          'maxLength': 1024}},
    'required': ['id'],
}

_application_credential = {
    'type': 'object',
    'properties': {
        'id': {'type': 'string', 'minLength': 1, 'maxLength': 255},
        'name': {'type': 'string', 'minLength': 1, 'maxLength': 255},
        'secret': {'type': 'string', 'maxLength': 4096},
        'user': {
            'type': 'object',
            'properties': {
                'id': {'type': 'string', 'minLength': 1, 'maxLength': 255},
                'name': {'type': 'string', 'minLength': 1, 'maxLength': 255},
                'domain': _id_or_name,
            },
        },
    },
}

_scope = {
    'type': ['object', 'string'],
    'properties': {
        'project': {
            'type': 'object',
            'properties': {
                'id': {'type': 'string', 'minLength': 1, 'maxLength': 255},
                'name': {'type': 'string', 'minLength': 1, 'maxLength': 255},
                'domain': _id_or_name,
            },
        },
        'domain': _id_or_name,
        'system': {'type': 'object',
                   'properties': {'all': {'type': 'boolean'}}},
    },
}

token_issue = {
    'type': 'object',
    'properties': {
        'auth': {
            'type': 'object',
            'properties': {
                'identity': {
                    'type': 'object',
                    'properties': {
                        'methods': {'type': 'array', 'minItems': 1,
                                    'items': {'type': 'string'}},
                        'password': _password,
                        'token': _token,
                        'application_credential': _application_credential,
                    },
                    'required': ['methods'],
                },
                'scope': _scope,
            },
            'required': ['identity'],
        },
    },
    'required': ['auth'],
}
