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
        'required': ['blob', 'type', 'user_id'],
        # keystone: an ec2 credential needs its project.
        'if': {'properties': {'type': {'const': 'ec2'}}},
        'then': {'title': 'ec2 credential requires project_id',
                 'required': ['blob', 'type', 'user_id', 'project_id']}}},
    'required': ['credential']}

credential_update = {
    'type': 'object',
    'properties': {'credential': {
        'type': 'object', 'properties': _properties, 'minProperties': 1}},
    'required': ['credential']}
