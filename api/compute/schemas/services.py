"""os-services request bodies and list query, per microversion."""
from stratus.api import validation
from stratus.api.compute import query

# nova's boolean: JSON booleans or the strings bool_from_string accepts.
BOOLEAN = {'type': ['boolean', 'string'],
           'enum': [True, False] + query.BOOLEAN['enum']}
_REASON = {'type': 'string', 'minLength': 1, 'maxLength': 255}


def _action_body(extra):
    """PUT /os-services/{enable,disable,disable-log-reason[,force-down]}:
    one body for every action, as in nova; each action checks its field."""
    properties = {
        'host': {'type': 'string', 'minLength': 1, 'maxLength': 255,
                 'pattern': '^[a-zA-Z0-9-._]*$'},
        'binary': {'type': 'string', 'minLength': 1, 'maxLength': 255},
        'disabled_reason': _REASON,
    }
    properties.update(extra)
    return {'type': 'object', 'properties': properties,
            'required': ['host', 'binary'], 'additionalProperties': False}


ACTION = [((2, 1), (2, 10), _action_body({})),
          ((2, 11), (2, 52), _action_body({'forced_down': BOOLEAN}))]

# 2.53: PUT /os-services/{uuid}; nothing required, checked in the handler.
update_253 = {
    'type': 'object',
    'properties': {
        'status': {'type': 'string', 'enum': ['enabled', 'disabled']},
        'disabled_reason': _REASON,
        'forced_down': BOOLEAN,
    },
    'additionalProperties': False,
}


def action_schema(version):
    return validation.for_version(version, ACTION)


def list_query(version):
    return query.schema({'host': query.multi({'type': 'string'}),
                         'binary': query.multi({'type': 'string'})},
                        strict=version >= (2, 75))
