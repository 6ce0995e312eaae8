"""Parameter types of the block-storage request schemas (cinder's)."""

# Python-style bool strings cinder accepts (oslo's bool_from_string).
BOOLEAN = {'type': ['boolean', 'string'], 'enum': [
    True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes',
    'y', 't', False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off',
    'NO', 'No', 'no', 'n', 'f']}
OPTIONAL_BOOLEAN = dict(BOOLEAN, type=['boolean', 'string', 'null'],
                        enum=BOOLEAN['enum'] + [None])
SIZE = {'type': ['integer', 'string'], 'pattern': '^[0-9]+$', 'minimum': 1,
        'maximum': 2147483647}
SIZE_OR_NULL = {'type': ['integer', 'string', 'null'],
                'pattern': '^[0-9]+$', 'minimum': 1, 'maximum': 2147483647}
NAME = {'type': ['string', 'null'], 'maxLength': 255}
DESCRIPTION = {'type': ['string', 'null'], 'maxLength': 255}
UUID_OR_NULL = {'type': ['string', 'null'], 'maxLength': 36}
# cinder's uuid parameters (a dashed uuid; jsonschema's own checker).
UUID = {'type': 'string', 'format': 'uuid'}
OPTIONAL_UUID = {'oneOf': [{'type': 'null'}, UUID]}
METADATA = {'type': 'object',
            'patternProperties': {'^[a-zA-Z0-9-_:. /]{1,255}$': {
                'type': 'string', 'maxLength': 255}},
            'additionalProperties': False}
METADATA_OR_NULL = dict(METADATA, type=['object', 'null'])
EXTRA_SPECS = {'type': 'object',
               'patternProperties': {'^[a-zA-Z0-9-_:. /]{1,255}$': {
                   'type': ['string', 'integer', 'number', 'boolean'],
                   'maxLength': 255}},
               'additionalProperties': False}


def wrap(key, properties, required=(), additional=False, extra=None):
    # The keywords in cinder's order: the first failing one is reported.
    inner = {'type': 'object', 'properties': properties}
    if required:
        inner['required'] = list(required)
    inner.update(extra or {})
    inner['additionalProperties'] = additional
    return {'type': 'object', 'properties': {key: inner},
            'required': [key], 'additionalProperties': False}
