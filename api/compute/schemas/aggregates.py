"""os-aggregates request bodies (2.1) and the images cache body (2.81)."""

# nova's 'name' and 'az_name' formats: printable, no leading or trailing
# space; a zone name has no ':' either.
_name = {'type': 'string', 'minLength': 1, 'maxLength': 255,
         'pattern': r'^(?! )[^\x00-\x1f\x7f]*(?<! )$'}
_name_spaces = {'type': 'string', 'minLength': 1, 'maxLength': 255,
                'pattern': r'^[^\x00-\x1f\x7f]*$'}
_zone = {'oneOf': [{'type': 'string', 'minLength': 1, 'maxLength': 255,
                    'pattern': r'^(?! )[^\x00-\x1f\x7f:]*(?<! )$'},
                   {'type': 'null'}]}
_host = {'type': 'string', 'pattern': '^[a-zA-Z0-9-._]*$',
         'minLength': 1, 'maxLength': 255}


def _wrap(key, properties, required=None, **extra):
    inner = dict({'type': 'object', 'properties': properties,
                  'additionalProperties': False}, **extra)
    if required:
        inner['required'] = required
    return {'type': 'object', 'properties': {key: inner},
            'required': [key], 'additionalProperties': False}


create = _wrap('aggregate', {'name': _name, 'availability_zone': _zone},
               ['name'])
update = _wrap('aggregate', {'name': _name_spaces,
                             'availability_zone': _zone},
               anyOf=[{'required': ['name']},
                      {'required': ['availability_zone']}])
add_host = _wrap('add_host', {'host': _host}, ['host'])
remove_host = _wrap('remove_host', {'host': _host}, ['host'])
set_metadata = _wrap('set_metadata', {'metadata': {
    'type': 'object',
    'patternProperties': {'^[a-zA-Z0-9-_:. ]{1,255}$': {
        'type': ['string', 'null'], 'maxLength': 255}},
    'additionalProperties': False}}, ['metadata'])

images = {
    'type': 'object',
    'properties': {'cache': {
        'type': 'array', 'minItems': 1,
        'items': {'type': 'object',
                  'properties': {'id': {'type': 'string', 'format': 'uuid'}},
                  'additionalProperties': False, 'required': ['id']}}},
    'required': ['cache'], 'additionalProperties': False,
}
