"""Bodies of /v3/credentials (keystone's credential schema): unknown
attributes are accepted and kept."""

_properties = {
    'blob': {'type': 'string'},
    'project_id': {'type': ['string', 'null']},
    'type': {'type': 'string'},
    'user_id': {'type': 'string'},
}

credential_create = {
    'type': 'object',
    'properties': {'credential': {
        'type': 'object',
        'properties': dict(_properties, id={'type': 'string'}),
        'required': ['blob', 'type', 'user_id']}},
    'required': ['credential']}

credential_update = {
    'type': 'object',
    'properties': {'credential': {
        'type': 'object', 'properties': _properties, 'minProperties': 1}},
    'required': ['credential']}
